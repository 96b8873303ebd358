package org.flashstack.shell.internal;

import java.util.Locale;

/**
 * Parses the numbers users type: {@code 4096}, {@code 0x1000}, {@code 64K}, {@code 0x10k}, {@code
 * 2M} (binary units). One rule for every form: a leading minus is "must not be negative", digits
 * that overflow are "too large", anything else that is not digits is "not a number".
 */
final class Numbers {
  private Numbers() {}

  static long parse(String text, String what) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("-")) {
      throw new IllegalArgumentException(what + " must not be negative: " + text);
    }
    long unit = 1;
    if (value.endsWith("k")) {
      unit = 1L << 10;
    } else if (value.endsWith("m")) {
      unit = 1L << 20;
    } else if (value.endsWith("g")) {
      unit = 1L << 30;
    }
    if (unit != 1) {
      value = value.substring(0, value.length() - 1);
    }
    boolean hex = value.startsWith("0x");
    String digits = hex ? value.substring(2) : value;
    if (digits.isEmpty()
        || !digits
            .chars()
            .allMatch(c -> hex ? Character.digit(c, 16) >= 0 : c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          what + " '" + text + "' is not a number (examples: 4096, 0x1000, 64K, 2M)");
    }
    try {
      return Math.multiplyExact(Long.parseLong(digits, hex ? 16 : 10), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          what + " '" + text + "' is too large (the largest is " + Long.MAX_VALUE + ")");
    }
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
