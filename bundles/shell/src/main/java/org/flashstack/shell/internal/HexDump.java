package org.flashstack.shell.internal;

import java.util.HexFormat;

/** Canonical hex+ASCII dump ({@code hexdump -C} layout) with absolute addresses. */
final class HexDump {
  private HexDump() {}

  private static final HexFormat HEX = HexFormat.of();

  static String format(long address, byte[] data) {
    StringBuilder out = new StringBuilder();
    for (int line = 0; line < data.length; line += 16) {
      out.append(String.format("%08x ", address + line));
      StringBuilder ascii = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        if (i == 8) {
          out.append(' ');
        }
        if (line + i < data.length) {
          int b = data[line + i] & 0xff;
          out.append(' ').append(HEX.toHexDigits((byte) b));
          ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        } else {
          out.append("   ");
        }
      }
      out.append("  |").append(ascii).append("|\n");
    }
    return out.toString();
  }
}
