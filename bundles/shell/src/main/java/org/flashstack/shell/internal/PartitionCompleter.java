package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.api.partition.PartitionProperties;

/** Completes the names of the partitions up. */
@Service
public class PartitionCompleter extends ServiceNameCompleter {
  public PartitionCompleter() {
    super(FlashPartition.class, PartitionProperties.NAME);
  }
}
