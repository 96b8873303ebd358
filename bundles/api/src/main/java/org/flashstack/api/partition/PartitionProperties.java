package org.flashstack.api.partition;

/** The service properties of a partition's services, to find one by name or driver number. */
public final class PartitionProperties {
  private PartitionProperties() {}

  /** The partition's name, unique in the framework: {@code (partition.name=staging)}. */
  public static final String NAME = "partition.name";

  /** The device the partition is a region of (its {@code device.name}). */
  public static final String DEVICE = "partition.device";

  /**
   * Seed 000's driver number, unique in the framework, by which a userland application opens the
   * partition: {@code (partition.driverNumber=2147483654)} for 0x80000006. A {@code Long}.
   */
  public static final String DRIVER_NUMBER = "partition.driverNumber";

  /** A filter matching the partition of that name. */
  public static String filter(String name) {
    return "("
        + NAME
        + "="
        + name.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*")
        + ")";
  }
}
