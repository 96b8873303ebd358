package org.flashstack.shell.internal;

import java.util.Locale;
import org.flashstack.api.device.ByteSizes;

/** Parses the numbers users type the way {@link ByteSizes#parse} reads them, and writes rates. */
final class Numbers {
  private Numbers() {}

  static long parse(String text, String what) {
    return ByteSizes.parse(text, what);
  }

  /**
   * @return "N bytes in T s (R KiB/s)"
   */
  static String rate(long count, long nanos) {
    double seconds = Math.max(nanos, 1) / 1e9;
    return String.format(
        Locale.ROOT, "%d bytes in %.3f s (%.1f KiB/s)", count, seconds, count / 1024.0 / seconds);
  }

  /**
   * @return "N bytes in T s (R KiB/s), device time D s": the wall time and the emulated time the
   *     device was busy, which is what the operation takes on the real part
   */
  static String rate(long count, long wallNanos, long deviceNanos) {
    return rate(count, wallNanos)
        + String.format(Locale.ROOT, ", device time %.3f s", deviceNanos / 1e9);
  }
}
