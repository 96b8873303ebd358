package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.kv.KeyValueStore;
import org.flashstack.api.kv.KvType;
import org.flashstack.api.kv.KvValue;

/** {@code kv:list <store> [namespace]}: every value, or one namespace's. */
@Service
@Command(scope = "kv", name = "list", description = "Lists the values of a key-value store")
public class KvListCommand extends KvCommand {

  @Argument(index = 1, name = "namespace", description = "Only this namespace")
  String namespace;

  @Option(name = "--no-format", description = "Plain output: no table borders or padding")
  boolean noFormat;

  @Override
  void run() throws Exception {
    try (Services.Held<KeyValueStore> held = store()) {
      ShellTable table = new ShellTable();
      table.column("Namespace");
      table.column("Key");
      table.column("Type");
      table.column("Value");
      for (KvValue value : held.get().list(namespace)) {
        String text = value.text();
        if (value.type() == KvType.BLOB && text.length() > 64) {
          text = text.substring(0, 64) + "... (" + value.bytes().length + " bytes)";
        }
        table.addRow().addContent(value.namespace(), value.key(), value.type().label(), text);
      }
      table.print(System.out, !noFormat);
    }
  }
}
