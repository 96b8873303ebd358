package org.flashstack.shell.internal;

import java.time.Duration;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.flash.DeviceQueueStatistics;
import org.flashstack.api.flash.FlashVirtualizer;

/** {@code flash:queue}: the flash virtualizer's queue of every device. */
@Service
@Command(
    scope = "flash",
    name = "queue",
    description =
        "Shows each device's queue: queued, in flight, served, failed, time waited, current driver")
public class FlashQueueCommand extends FlashStackAction {

  @Reference FlashVirtualizer virtualizer;

  @Option(name = "--no-format", description = "Plain output, for scripts")
  boolean noFormat;

  @Override
  void run() throws Exception {
    ShellTable table = new ShellTable();
    for (String column :
        new String[] {
          "Device",
          "Driver",
          "Since",
          "Queued",
          "In flight",
          "Served",
          "Failed",
          "Waited",
          "Max wait",
          "Changes"
        }) {
      table.column(column);
    }
    for (DeviceQueueStatistics queue : virtualizer.queues()) {
      table
          .addRow()
          .addContent(
              queue.device(),
              queue.driver() == null ? "none" : queue.driver(),
              since(queue.driverSince()),
              queue.queued(),
              queue.inFlight(),
              queue.served(),
              queue.failed(),
              millis(queue.waitedNanos()),
              millis(queue.maxWaitNanos()),
              queue.driverChanges());
    }
    table.print(System.out, !noFormat);
  }

  private static String since(Instant instant) {
    if (instant == null) {
      return "-";
    }
    return Duration.between(instant, Instant.now()).toSeconds() + " s ago";
  }

  private static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
  }
}
