package org.flashstack.hw.media.internal;

/** Human-readable byte counts for messages. */
final class ByteSizes {
  private ByteSizes() {}

  /**
   * @return e.g. "8 MiB", "64 KiB", "1536 bytes"
   */
  static String format(long bytes) {
    if (bytes >= (1L << 30) && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= (1L << 10) && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }
}
