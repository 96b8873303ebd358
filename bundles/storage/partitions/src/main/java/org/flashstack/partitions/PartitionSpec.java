package org.flashstack.partitions;

import java.util.Locale;

/**
 * What a partition is: a named region of one device, with its flags and seed 000's driver number.
 *
 * @param name unique in the framework
 * @param device the device's name
 * @param offset where it starts on the device
 * @param size its size in bytes
 * @param readOnly whether write and erase are refused
 * @param driverNumber seed 000's driver number (a u32), unique in the framework
 */
public record PartitionSpec(
    String name, String device, long offset, long size, boolean readOnly, long driverNumber) {

  /** The largest driver number: Tock's driver numbers are u32. */
  public static final long MAX_DRIVER_NUMBER = 0xffff_ffffL;

  /** Checks the values on their own; {@link Partition#open} checks them against the device. */
  public PartitionSpec {
    if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "a partition name is letters, digits, '_', '.' and '-', not '" + name + "'");
    }
    if (device == null || device.isBlank()) {
      throw new IllegalArgumentException("partition " + name + ": no device named");
    }
    if (offset < 0) {
      throw new IllegalArgumentException(
          "partition " + name + ": offset " + offset + " is negative");
    }
    if (size <= 0) {
      throw new IllegalArgumentException(
          "partition " + name + ": size must be positive, not " + size);
    }
    if (offset + size < offset) {
      throw new IllegalArgumentException("partition " + name + ": offset + size overflows");
    }
    if (driverNumber < 0 || driverNumber > MAX_DRIVER_NUMBER) {
      throw new IllegalArgumentException(
          String.format(
              "partition %s: driver number %d is not 0 to 0xffffffff (a u32, as Tock's)",
              name, driverNumber));
    }
  }

  /**
   * @return the first byte past the partition on the device
   */
  public long end() {
    return offset + size;
  }

  /**
   * @return whether the two are on one device and share a byte
   */
  public boolean overlaps(PartitionSpec other) {
    return device.equals(other.device) && offset < other.end() && other.offset < end();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s (%s 0x%x..0x%x%s, driver number 0x%x)",
        name,
        device,
        offset,
        end(),
        readOnly ? ", read-only" : "",
        driverNumber);
  }
}
