package org.flashstack.shell.internal;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Canonical hex+ASCII dump in {@code hexdump -C}'s layout, with absolute addresses: a full line
 * equal to the one before it is shown once as {@code *}, and the last line is the address after the
 * data.
 */
final class HexDump {
  private HexDump() {}

  private static final HexFormat HEX = HexFormat.of();

  static String format(long address, byte[] data) {
    StringBuilder out = new StringBuilder();
    boolean skipping = false;
    for (int line = 0; line < data.length; line += 16) {
      boolean full = line + 16 <= data.length;
      if (full && line >= 16 && Arrays.equals(data, line, line + 16, data, line - 16, line)) {
        if (!skipping) {
          out.append("*\n");
          skipping = true;
        }
        continue;
      }
      skipping = false;
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
    out.append(String.format("%08x%n", address + data.length));
    return out.toString();
  }
}
