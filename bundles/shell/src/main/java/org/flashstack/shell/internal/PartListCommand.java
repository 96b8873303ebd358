package org.flashstack.shell.internal;

import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.api.partition.PartitionStatistics;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** {@code part:list}: every partition up, by device and offset, with its use so far. */
@Service
@Command(scope = "part", name = "list", description = "Lists the partitions of the flash devices")
public class PartListCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Option(
      name = "--no-format",
      description = "Plain output: no table borders or padding, for scripts")
  boolean noFormat;

  @Override
  void run() throws Exception {
    ShellTable table = new ShellTable();
    for (String column :
        List.of(
            "Name",
            "Device",
            "Offset",
            "Size",
            "Erase size",
            "Flags",
            "Driver number",
            "Operations",
            "Errors")) {
      table.column(column);
    }
    List<ServiceReference<FlashPartition>> references =
        Services.references(context, FlashPartition.class, null);
    List<FlashPartition> partitions = new java.util.ArrayList<>();
    for (ServiceReference<FlashPartition> reference : references) {
      FlashPartition partition = context.getService(reference);
      if (partition != null) {
        partitions.add(partition);
        context.ungetService(reference);
      }
    }
    partitions.sort(
        Comparator.comparing(FlashPartition::device).thenComparingLong(FlashPartition::offset));
    for (FlashPartition partition : partitions) {
      PartitionStatistics statistics = partition.statistics();
      table
          .addRow()
          .addContent(
              partition.name(),
              partition.device(),
              String.format("0x%08x", partition.offset()),
              ByteSizes.format(partition.size()),
              ByteSizes.format(partition.eraseSize()),
              partition.readOnly() ? "read-only" : "rw",
              String.format("0x%08x", partition.driverNumber()),
              statistics.operations(),
              statistics.errors());
    }
    table.print(System.out, !noFormat);
  }
}
