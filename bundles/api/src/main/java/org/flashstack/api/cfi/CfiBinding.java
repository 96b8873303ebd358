package org.flashstack.api.cfi;

/**
 * The {@code cfi-flash} binding, as the device tree's {@code mtd/cfi-flash} binding describes a
 * parallel NOR bank: the compatible string and the properties a driver needs beside the query
 * table, because firmware gets them from its board description too.
 */
public final class CfiBinding {
  private CfiBinding() {}

  /** {@link org.flashstack.api.device.DeviceProperties#COMPATIBLE} of CFI parallel NOR flash. */
  public static final String COMPATIBLE = "cfi-flash";

  /** Property (Integer, or its text): the data bus width in bytes, the device tree's bank-width. */
  public static final String BANK_WIDTH = "bankWidth";

  /** Property (Boolean, or its text): bus values are big endian, the device tree's big-endian. */
  public static final String BIG_ENDIAN = "bigEndian";
}
