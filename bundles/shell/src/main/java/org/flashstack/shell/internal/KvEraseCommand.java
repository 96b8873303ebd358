package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.kv.KeyValueStore;

/** {@code kv:erase <store> <namespace> <key>}: erases one value. */
@Service
@Command(scope = "kv", name = "erase", description = "Erases one value")
public class KvEraseCommand extends KvCommand {

  @Argument(index = 1, name = "namespace", required = true)
  String namespace;

  @Argument(index = 2, name = "key", required = true)
  String key;

  @Override
  void run() throws Exception {
    try (Services.Held<KeyValueStore> held = store()) {
      held.get().erase(namespace, key);
      System.out.println(namespace + "/" + key + " erased");
    }
  }
}
