package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.flashstack.api.partition.FlashPartition;
import org.osgi.framework.BundleContext;

/**
 * A command on one partition: takes the partition name as its first argument (completed with the
 * partitions up) and holds its service while the command runs. Offsets are partition-relative.
 */
abstract class PartitionCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Argument(index = 0, name = "partition", description = "Partition name", required = true)
  @Completion(PartitionCompleter.class)
  String partition;

  @Override
  final void run() throws Exception {
    try (Services.Held<FlashPartition> held = Services.partition(context, partition)) {
      execute(held.get());
    }
  }

  /** Does the command's work on the partition; prints its output, throws on failure. */
  abstract void execute(FlashPartition partition) throws Exception;
}
