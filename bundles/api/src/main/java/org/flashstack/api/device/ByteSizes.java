package org.flashstack.api.device;

import java.util.Locale;

/**
 * The one way byte counts are written for people, in every layer's messages and tables, and the one
 * way the counts people type or configure are read.
 */
public final class ByteSizes {
  private ByteSizes() {}

  /**
   * Reads a count as people write it: {@code 4096}, {@code 0x1000}, {@code 64K}, {@code 0x10k},
   * {@code 2M}, {@code 1G} (binary units). A leading minus is "must not be negative", digits that
   * overflow are "too large", anything else that is not digits is "not a number".
   *
   * @param text what was typed or configured
   * @param what what the number is, for the message
   * @return the count
   * @throws IllegalArgumentException naming {@code what} and the text
   */
  public static long parse(String text, String what) {
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
