package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.kv.KeyValueStore;
import org.flashstack.api.kv.KvValue;

/** {@code kv:get <store> <namespace> <key>}: one value, with its type. */
@Service
@Command(scope = "kv", name = "get", description = "Prints one value and its type")
public class KvGetCommand extends KvCommand {

  @Argument(index = 1, name = "namespace", required = true)
  String namespace;

  @Argument(index = 2, name = "key", required = true)
  String key;

  @Override
  void run() throws Exception {
    try (Services.Held<KeyValueStore> held = store()) {
      KvValue value = held.get().get(namespace, key);
      System.out.println(value.type().label() + " " + value.text());
    }
  }
}
