package org.flashstack.api.mmio;

import java.util.OptionalLong;

/**
 * One line of an {@link MmioTrace}: a read or a write of {@code width} bytes at {@code offset}.
 *
 * @param kind read or write
 * @param offset byte offset in the device window
 * @param width access width in bytes: 1, 2, 4 or 8
 * @param value for a write, the value written; for a read, the value expected, if the trace gives
 *     one
 * @param line the line of the trace file it came from (1-based), or 0 if it was made in code
 */
public record MmioOperation(Kind kind, long offset, int width, OptionalLong value, int line) {

  /** Read or write. */
  public enum Kind {
    /** A read; the trace line starts with {@code R}. */
    READ,
    /** A write; the trace line starts with {@code W}. */
    WRITE
  }

  /** Checks the components. */
  public MmioOperation {
    if (width != 1 && width != 2 && width != 4 && width != 8) {
      throw new IllegalArgumentException("access width must be 1, 2, 4 or 8 bytes, not " + width);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
    if (kind == Kind.WRITE && value.isEmpty()) {
      throw new IllegalArgumentException("a write needs a value");
    }
    if (value.isPresent() && width < 8 && (value.getAsLong() >>> (8 * width)) != 0) {
      throw new IllegalArgumentException(
          String.format("value 0x%x does not fit in %d byte(s)", value.getAsLong(), width));
    }
  }

  /** A write of {@code value}. */
  public static MmioOperation write(long offset, int width, long value) {
    return new MmioOperation(Kind.WRITE, offset, width, OptionalLong.of(value), 0);
  }

  /** A read with no expectation. */
  public static MmioOperation read(long offset, int width) {
    return new MmioOperation(Kind.READ, offset, width, OptionalLong.empty(), 0);
  }

  /** A read that expects {@code expected}. */
  public static MmioOperation readExpecting(long offset, int width, long expected) {
    return new MmioOperation(Kind.READ, offset, width, OptionalLong.of(expected), 0);
  }

  /**
   * @return the operation as a trace line, e.g. {@code W 0x00000000 4 0x00980098}
   */
  public String toTraceLine() {
    String head = String.format("%s 0x%08x %d", kind == Kind.READ ? "R" : "W", offset, width);
    return value.isPresent() ? head + " " + MmioTrace.hex(value.getAsLong(), width) : head;
  }
}
