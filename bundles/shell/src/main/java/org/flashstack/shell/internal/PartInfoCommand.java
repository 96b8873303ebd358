package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.api.partition.PartitionStatistics;
import org.osgi.framework.BundleContext;

/** {@code part:info <name>}: where a partition is, how it is written, and what went through it. */
@Service
@Command(scope = "part", name = "info", description = "Shows one partition and its statistics")
public class PartInfoCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Argument(index = 0, name = "partition", description = "Partition name", required = true)
  @Completion(PartitionCompleter.class)
  String name;

  @Override
  void run() throws Exception {
    try (Services.Held<FlashPartition> held = Services.partition(context, name)) {
      FlashPartition partition = held.get();
      PartitionStatistics statistics = partition.statistics();
      System.out.printf("Partition     %s%n", partition.name());
      System.out.printf(
          "Device        %s, 0x%08x..0x%08x%n",
          partition.device(), partition.offset(), partition.offset() + partition.size());
      System.out.printf("Size          %s%n", ByteSizes.format(partition.size()));
      System.out.printf(
          "Erase size    %s (erases are whole blocks)%n", ByteSizes.format(partition.eraseSize()));
      System.out.printf("Chunk size    %d bytes%n", partition.chunkSize());
      System.out.printf("Flags         %s%n", partition.readOnly() ? "read-only" : "read-write");
      System.out.printf(
          "Driver number 0x%08x (%d)%n", partition.driverNumber(), partition.driverNumber());
      System.out.printf(
          "Reads         %d (%s)%n", statistics.reads(), ByteSizes.format(statistics.bytesRead()));
      System.out.printf(
          "Writes        %d (%s)%n",
          statistics.writes(), ByteSizes.format(statistics.bytesWritten()));
      System.out.printf(
          "Erases        %d (%s)%n",
          statistics.erases(), ByteSizes.format(statistics.bytesErased()));
      System.out.printf("Errors        %d%n", statistics.errors());
      System.out.printf(
          "Queued        %.3f ms (waiting in the device's queue behind other users)%n",
          statistics.queuedNanos() / 1e6);
    }
  }
}
