package org.flashstack.memprog.protocol;

import org.flashstack.api.memprog.TargetMemory;

/**
 * MEMPROG_BDT, 16 bytes, packed: Token (u8), Status (u8: FREE, PENDING, FULL), Interface (u8),
 * Sequence (u8), 4 bytes of padding, Address (u32), Length (u32), little-endian. The BDTs follow
 * one another without gaps, as do the buffers they describe.
 *
 * @param token {@link MemProg#TOKEN_HOST} or {@link MemProg#TOKEN_TARGET}
 * @param status {@link MemProg#BUFFER_FREE}, {@link MemProg#BUFFER_PENDING} or {@link
 *     MemProg#BUFFER_FULL}
 * @param iface the interface the buffer belongs to
 * @param sequence 0 to 0x7F in order, {@link MemProg#SEQUENCE_LAST} for a command's last buffer
 * @param address where the data goes to or comes from
 * @param length how many bytes the buffer holds, or should be filled with
 */
public record MemProgBdt(
    int token, int status, int iface, int sequence, long address, long length) {

  /** The structure's size. */
  public static final int SIZE = 16;

  public static final int TOKEN = 0;
  public static final int STATUS = 1;
  public static final int INTERFACE = 2;
  public static final int SEQUENCE = 3;
  public static final int ADDRESS = 8;
  public static final int LENGTH = 12;

  /**
   * @return the 16 bytes (padding 0)
   */
  public byte[] encode() {
    byte[] bytes = new byte[SIZE];
    bytes[TOKEN] = (byte) token;
    bytes[STATUS] = (byte) status;
    bytes[INTERFACE] = (byte) iface;
    bytes[SEQUENCE] = (byte) sequence;
    MemProgParam.put32(bytes, ADDRESS, address);
    MemProgParam.put32(bytes, LENGTH, length);
    return bytes;
  }

  /**
   * @return the descriptor in {@code bytes} (16 of them from {@code offset})
   */
  public static MemProgBdt decode(byte[] bytes, int offset) {
    return new MemProgBdt(
        bytes[offset + TOKEN] & 0xff,
        bytes[offset + STATUS] & 0xff,
        bytes[offset + INTERFACE] & 0xff,
        bytes[offset + SEQUENCE] & 0xff,
        MemProgParam.get32(bytes, offset + ADDRESS),
        MemProgParam.get32(bytes, offset + LENGTH));
  }

  /**
   * @return descriptor {@code index} of the table at {@code base} in {@code memory}
   */
  public static MemProgBdt read(TargetMemory memory, long base, int index) {
    byte[] bytes = new byte[SIZE];
    memory.read(base + (long) index * SIZE, bytes, 0, SIZE);
    return decode(bytes, 0);
  }

  /**
   * @return whether this is a command's last buffer
   */
  public boolean isLast() {
    return sequence == MemProg.SEQUENCE_LAST;
  }
}
