package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.kv.KeyValueStore;
import org.flashstack.api.kv.KvStatistics;

/** {@code kv:stats <store>}: entries used and free, per namespace, and what writing cost. */
@Service
@Command(scope = "kv", name = "stats", description = "Shows a key-value store's statistics")
public class KvStatsCommand extends KvCommand {

  @Override
  void run() throws Exception {
    try (Services.Held<KeyValueStore> held = store()) {
      KvStatistics s = held.get().statistics();
      System.out.printf(
          "Store          %s on partition %s%n", held.get().name(), held.get().partition());
      System.out.printf(
          "Entries        %d used, %d free, %d in all (32 bytes each)%n",
          s.usedEntries(), s.freeEntries(), s.totalEntries());
      System.out.printf("Namespaces     %d%n", s.namespaceCount());
      s.entriesPerNamespace()
          .forEach((name, entries) -> System.out.printf("  %-12s %d entries%n", name, entries));
      System.out.printf(
          "Since opening  %d bytes programmed, %d pages erased%n",
          s.bytesProgrammed(), s.pageErases());
    }
  }
}
