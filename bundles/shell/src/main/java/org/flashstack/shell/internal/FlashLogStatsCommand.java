package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.log.LogStatistics;
import org.flashstack.api.log.RecordLog;

/**
 * {@code flashlog:stats <log>}: records kept, their sequence numbers, space, erases, torn records.
 */
@Service
@Command(scope = "flashlog", name = "stats", description = "Shows a record log's statistics")
public class FlashLogStatsCommand extends FlashLogCommand {

  @Override
  void run() throws Exception {
    try (Services.Held<RecordLog> held = log()) {
      LogStatistics s = held.get().statistics();
      System.out.printf(
          "Log            %s on partition %s%n", held.get().name(), held.get().partition());
      System.out.printf(
          "Records        %d kept, sequence %d..%d%n",
          s.records(), s.oldestSequence(), s.newestSequence());
      System.out.printf(
          "Space          %s of %s in use, %d erase units, records up to %d bytes%n",
          ByteSizes.format(s.bytesUsed()),
          ByteSizes.format(s.capacity()),
          s.units(),
          s.largestRecord());
      System.out.printf(
          "Since opening  %d units erased (oldest records dropped); %d torn records skipped%n",
          s.unitErases(), s.tornRecords());
    }
  }
}
