package org.flashstack.api.fault;

/**
 * A cell bit that no program or erase changes: it always reads {@code value}.
 *
 * @param offset the byte's offset in the device
 * @param bit the bit in the byte (0 is the least significant)
 * @param value 0 or 1
 */
public record StuckBit(long offset, int bit, int value) {
  public StuckBit {
    if (offset < 0) {
      throw new IllegalArgumentException("a stuck bit's offset is 0 or more, not " + offset);
    }
    if (bit < 0 || bit > 7) {
      throw new IllegalArgumentException("a stuck bit is bit 0 to 7 of its byte, not " + bit);
    }
    if (value != 0 && value != 1) {
      throw new IllegalArgumentException("a stuck bit reads 0 or 1, not " + value);
    }
  }

  /**
   * Reads {@code offset.bit=value}, as {@link #toString()} writes it ({@code 0x1000.3=0}).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static StuckBit parse(String text) {
    String t = text.trim();
    int dot = t.lastIndexOf('.');
    int equals = t.indexOf('=');
    if (dot <= 0 || equals < dot) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a stuck bit: offset.bit=value, as in 0x1000.3=0");
    }
    try {
      return new StuckBit(
          Long.decode(t.substring(0, dot)),
          Integer.parseInt(t.substring(dot + 1, equals)),
          Integer.parseInt(t.substring(equals + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a stuck bit: offset.bit=value, as in 0x1000.3=0");
    }
  }

  @Override
  public String toString() {
    return String.format("0x%x.%d=%d", offset, bit, value);
  }
}
