package org.flashstack.gdb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scans over packet bytes eight at a time (a long read as little-endian, bytes tested in parallel
 * with the "has a zero byte" trick), where RSP spends its time on large memory writes: summing a
 * packet for its checksum and finding the bytes that end or escape it.
 */
final class ByteScan {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGHS = 0x8080_8080_8080_8080L;
  private static final long LOW_BYTES = 0x00FF_00FF_00FF_00FFL;

  private static final long HASH = ONES * '#';
  private static final long DOLLAR = ONES * '$';
  private static final long BRACE = ONES * '}';
  private static final long STAR = ONES * '*';

  private ByteScan() {}

  /** Marks (bit 7 of) the lowest byte of {@code v} that is zero; higher marks may be false. */
  private static long zeroByte(long v) {
    return (v - ONES) & ~v & HIGHS;
  }

  private static int firstMarked(long marks) {
    return Long.numberOfTrailingZeros(marks) >>> 3;
  }

  /**
   * @return the sum of {@code bytes[from..to)} as unsigned values
   */
  static long sum(byte[] bytes, int from, int to) {
    long total = 0;
    int i = from;
    while (to - i >= 8) {
      // up to 128 longs into 16-bit lanes (each step adds at most 510 to a lane), then folded
      long lanes = 0;
      int stop = Math.min(to - 7, i + 128 * 8);
      for (; i < stop; i += 8) {
        long v = (long) LONGS.get(bytes, i);
        lanes += (v & LOW_BYTES) + ((v >>> 8) & LOW_BYTES);
      }
      total +=
          (lanes & 0xFFFF) + ((lanes >>> 16) & 0xFFFF) + ((lanes >>> 32) & 0xFFFF) + (lanes >>> 48);
    }
    for (; i < to; i++) {
      total += bytes[i] & 0xff;
    }
    return total;
  }

  /**
   * @return the index of the first {@code #} in {@code bytes[from..to)}, or {@code to}
   */
  static int indexOfHash(byte[] bytes, int from, int to) {
    int i = from;
    for (; to - i >= 8; i += 8) {
      long marks = zeroByte((long) LONGS.get(bytes, i) ^ HASH);
      if (marks != 0) {
        return i + firstMarked(marks);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == '#') {
        return i;
      }
    }
    return to;
  }

  /**
   * @return the index of the first byte in {@code bytes[from..to)} a binary packet must escape
   *     ({@code #}, {@code $}, <code>}</code>, {@code *}), or {@code to}
   */
  static int indexOfEscapable(byte[] bytes, int from, int to) {
    int i = from;
    for (; to - i >= 8; i += 8) {
      long v = (long) LONGS.get(bytes, i);
      long marks =
          zeroByte(v ^ HASH) | zeroByte(v ^ DOLLAR) | zeroByte(v ^ BRACE) | zeroByte(v ^ STAR);
      if (marks != 0) {
        return i + firstMarked(marks);
      }
    }
    for (; i < to; i++) {
      if (RspConnection.needsEscape(bytes[i] & 0xff)) {
        return i;
      }
    }
    return to;
  }

  /**
   * @return the index of the first <code>}</code> in {@code bytes[from..to)}, or {@code to}
   */
  static int indexOfBrace(byte[] bytes, int from, int to) {
    int i = from;
    for (; to - i >= 8; i += 8) {
      long marks = zeroByte((long) LONGS.get(bytes, i) ^ BRACE);
      if (marks != 0) {
        return i + firstMarked(marks);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == '}') {
        return i;
      }
    }
    return to;
  }
}
