package org.flashstack.partitions;

import java.util.ArrayList;
import java.util.List;

/**
 * The partitions in use, kept apart: partitions of one device may not overlap, and names and driver
 * numbers are unique, so a user opening one by either reaches exactly one. Thread-safe.
 */
public final class PartitionLayout {

  private final List<PartitionSpec> taken = new ArrayList<>();

  /**
   * Takes the partition's place.
   *
   * @throws IllegalArgumentException naming the partition in the way and why
   */
  public synchronized void add(PartitionSpec spec) {
    for (PartitionSpec other : taken) {
      if (other.name().equals(spec.name())) {
        throw new IllegalArgumentException(
            "partition " + spec.name() + " exists already: " + other);
      }
      if (other.driverNumber() == spec.driverNumber()) {
        throw new IllegalArgumentException(
            String.format(
                "partition %s: driver number 0x%x is taken by %s",
                spec.name(), spec.driverNumber(), other));
      }
      if (other.overlaps(spec)) {
        throw new IllegalArgumentException(
            String.format(
                "partition %s (0x%x..0x%x) overlaps %s on %s",
                spec.name(), spec.offset(), spec.end(), other, spec.device()));
      }
    }
    taken.add(spec);
  }

  /** Gives the partition's place back. */
  public synchronized void remove(PartitionSpec spec) {
    taken.remove(spec);
  }

  /**
   * @return the partitions in use, by device and offset
   */
  public synchronized List<PartitionSpec> partitions() {
    List<PartitionSpec> copy = new ArrayList<>(taken);
    copy.sort(
        java.util.Comparator.comparing(PartitionSpec::device)
            .thenComparingLong(PartitionSpec::offset));
    return copy;
  }
}
