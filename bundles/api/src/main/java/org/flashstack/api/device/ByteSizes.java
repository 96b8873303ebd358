package org.flashstack.api.device;

/** The one way byte counts are written for people, in every layer's messages and tables. */
public final class ByteSizes {
  private ByteSizes() {}

  /**
   * @return the count in the largest binary unit that divides it exactly: "8 MiB", "1 GiB", "64
   *     KiB", "1536 bytes", "1 byte"
   */
  public static String format(long bytes) {
    if (bytes >= (1L << 30) && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= (1L << 10) && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes == 1 ? "1 byte" : bytes + " bytes";
  }
}
