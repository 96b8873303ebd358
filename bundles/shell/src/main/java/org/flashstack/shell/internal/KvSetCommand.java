package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.kv.KeyValueStore;
import org.flashstack.api.kv.KvType;

/**
 * {@code kv:set <store> <namespace> <key> <type> <value>}: sets a value (a number for u8..i64, text
 * for string, hexadecimal for blob), creating the namespace if needed.
 */
@Service
@Command(scope = "kv", name = "set", description = "Sets a value, creating its namespace if needed")
public class KvSetCommand extends KvCommand {

  @Argument(index = 1, name = "namespace", required = true)
  String namespace;

  @Argument(index = 2, name = "key", required = true)
  String key;

  @Argument(
      index = 3,
      name = "type",
      description = "u8, i8, u16, i16, u32, i32, u64, i64, string or blob",
      required = true)
  String type;

  @Argument(index = 4, name = "value", description = "number, text or hex bytes", required = true)
  String value;

  @Override
  void run() throws Exception {
    KvType kvType = KvType.parse(type);
    try (Services.Held<KeyValueStore> held = store()) {
      held.get().set(namespace, key, kvType, value);
      held.get().commit();
      System.out.println(namespace + "/" + key + " = " + held.get().get(namespace, key).text());
    }
  }
}
