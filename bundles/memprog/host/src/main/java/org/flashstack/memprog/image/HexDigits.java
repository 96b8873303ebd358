package org.flashstack.memprog.image;

/** The hex pairs of a text record, with the record's place for messages. */
final class HexDigits {
  private HexDigits() {}

  /**
   * @return the bytes the hex digits {@code text[from..]} spell
   * @throws ImageFormatException naming {@code where} if a character is not a hex digit or the
   *     count is odd
   */
  static byte[] decode(String text, int from, String where) throws ImageFormatException {
    int digits = text.length() - from;
    if (digits % 2 != 0) {
      throw new ImageFormatException(where + ": an odd number of hex digits");
    }
    byte[] bytes = new byte[digits / 2];
    for (int i = 0; i < bytes.length; i++) {
      int high = Character.digit(text.charAt(from + 2 * i), 16);
      int low = Character.digit(text.charAt(from + 2 * i + 1), 16);
      if (high < 0 || low < 0) {
        throw new ImageFormatException(
            where + ": '" + text.substring(from + 2 * i, from + 2 * i + 2) + "' is not a hex byte");
      }
      bytes[i] = (byte) (high << 4 | low);
    }
    return bytes;
  }

  static long big(byte[] bytes, int from, int count) {
    long value = 0;
    for (int i = 0; i < count; i++) {
      value = value << 8 | (bytes[from + i] & 0xff);
    }
    return value;
  }
}
