package org.flashstack.memprog.protocol;

/**
 * Where a target keeps MEMPROG_PARAM, its BDTs and its buffers. Every structure is 4-byte aligned;
 * the BDTs follow each other without gaps, as do the buffers; no two regions overlap. QUERY_CAP
 * reports the BDT base (P1), the buffer base (P2) and {@code count << 24 | size} (P3), so at most
 * 255 buffers of at most 16 MiB - 1 each.
 *
 * @param paramAddress MEMPROG_PARAM's address
 * @param bdtBase the first BDT's address
 * @param bufferBase the first buffer's address
 * @param bufferCount how many buffers (and BDTs), 1 to 255
 * @param bufferSize each buffer's size in bytes, a multiple of 4, 4 to 0xFFFFFC
 */
public record MemProgLayout(
    long paramAddress, long bdtBase, long bufferBase, int bufferCount, int bufferSize) {

  /** The most buffers QUERY_CAP can report (8 bits of P3). */
  public static final int MAX_BUFFERS = 0xff;

  /** The largest buffer QUERY_CAP can report (24 bits of P3). */
  public static final int MAX_BUFFER_SIZE = 0xff_fffc;

  public MemProgLayout {
    check(paramAddress, "MEMPROG_PARAM");
    check(bdtBase, "the BDT table");
    check(bufferBase, "the buffers");
    if (bufferCount < 1 || bufferCount > MAX_BUFFERS) {
      throw new IllegalArgumentException(
          "a target has 1 to " + MAX_BUFFERS + " buffers, not " + bufferCount);
    }
    if (bufferSize < 4 || bufferSize > MAX_BUFFER_SIZE || bufferSize % 4 != 0) {
      throw new IllegalArgumentException(
          "a buffer's size is a multiple of 4 from 4 to "
              + MAX_BUFFER_SIZE
              + " bytes, not "
              + bufferSize);
    }
    long bdtEnd = bdtBase + (long) bufferCount * MemProgBdt.SIZE;
    long buffersEnd = bufferBase + (long) bufferCount * bufferSize;
    if (buffersEnd > 0x1_0000_0000L || bdtEnd > 0x1_0000_0000L) {
      throw new IllegalArgumentException("the BDTs and buffers must lie below 4 GiB");
    }
    overlap(
        "MEMPROG_PARAM",
        paramAddress,
        paramAddress + MemProgParam.SIZE,
        "the BDTs",
        bdtBase,
        bdtEnd);
    overlap(
        "MEMPROG_PARAM",
        paramAddress,
        paramAddress + MemProgParam.SIZE,
        "the buffers",
        bufferBase,
        buffersEnd);
    overlap("the BDTs", bdtBase, bdtEnd, "the buffers", bufferBase, buffersEnd);
  }

  /**
   * The layout a target reports: PARAM where the transport says, the rest from QUERY_CAP's result.
   *
   * @throws IllegalArgumentException if the reported layout is impossible (misaligned, overlapping,
   *     no buffers), saying why
   */
  public static MemProgLayout fromCapabilities(long paramAddress, long p1, long p2, long p3) {
    return new MemProgLayout(
        paramAddress, p1, p2, (int) (p3 >>> 24) & 0xff, (int) (p3 & 0xff_ffff));
  }

  /**
   * @return QUERY_CAP's P3: {@code count << 24 | size}
   */
  public long capabilitiesP3() {
    return ((long) bufferCount << 24) | bufferSize;
  }

  /**
   * @return BDT {@code index}'s address
   */
  public long bdtAddress(int index) {
    return bdtBase + (long) index * MemProgBdt.SIZE;
  }

  /**
   * @return buffer {@code index}'s address
   */
  public long bufferAddress(int index) {
    return bufferBase + (long) index * bufferSize;
  }

  /**
   * @return the lowest address the layout uses
   */
  public long start() {
    return Math.min(paramAddress, Math.min(bdtBase, bufferBase));
  }

  /**
   * @return one past the highest address the layout uses
   */
  public long end() {
    return Math.max(
        paramAddress + MemProgParam.SIZE,
        Math.max(
            bdtBase + (long) bufferCount * MemProgBdt.SIZE,
            bufferBase + (long) bufferCount * bufferSize));
  }

  /** The layout packed from {@code base}: PARAM, then the BDTs, then the buffers. */
  public static MemProgLayout packed(long base, int bufferCount, int bufferSize) {
    long bdts = base + MemProgParam.SIZE;
    long buffers = bdts + (long) bufferCount * MemProgBdt.SIZE;
    return new MemProgLayout(base, bdts, buffers, bufferCount, bufferSize);
  }

  private static void check(long address, String what) {
    if (address < 0 || address > 0xffff_ffffL || address % 4 != 0) {
      throw new IllegalArgumentException(
          String.format("%s must be at a 4-byte aligned 32-bit address, not 0x%x", what, address));
    }
  }

  private static void overlap(String a, long aStart, long aEnd, String b, long bStart, long bEnd) {
    if (aStart < bEnd && bStart < aEnd) {
      throw new IllegalArgumentException(
          String.format(
              "%s [0x%08x, 0x%08x) overlaps %s [0x%08x, 0x%08x)",
              a, aStart, aEnd, b, bStart, bEnd));
    }
  }

  @Override
  public String toString() {
    return String.format(
        "PARAM at 0x%08x, %d BDTs at 0x%08x, %d buffers of %d bytes at 0x%08x",
        paramAddress, bufferCount, bdtBase, bufferCount, bufferSize, bufferBase);
  }
}
