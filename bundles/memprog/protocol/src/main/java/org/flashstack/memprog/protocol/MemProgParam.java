package org.flashstack.memprog.protocol;

import org.flashstack.api.memprog.TargetMemory;

/**
 * MEMPROG_PARAM, 32 bytes, packed: Token (u8), Status (u8), Interface (u8), Command (u8), Code
 * (u32), then P6, P5, P4, P3, P2, P1 (u32 each, little-endian): P1 is at +28 and P6 at +8, reversed
 * so that parameters can be added without moving P1.
 *
 * @param token {@link MemProg#TOKEN_HOST} or {@link MemProg#TOKEN_TARGET}
 * @param status a PARAM status or result
 * @param iface the interface the command is for
 * @param command the command
 * @param code a result's detail (QUERY_CAP: the version)
 * @param p P1 to P6 as {@code p[0]} to {@code p[5]}, unsigned 32-bit values
 */
public record MemProgParam(int token, int status, int iface, int command, long code, long[] p) {

  /** The structure's size. */
  public static final int SIZE = 32;

  public static final int TOKEN = 0;
  public static final int STATUS = 1;
  public static final int INTERFACE = 2;
  public static final int COMMAND = 3;
  public static final int CODE = 4;

  /**
   * @return the offset of parameter {@code n} (1 to 6): P1 at +28, P6 at +8
   */
  public static int parameterOffset(int n) {
    if (n < 1 || n > 6) {
      throw new IllegalArgumentException("MEMPROG_PARAM has P1 to P6, not P" + n);
    }
    return SIZE - 4 * n;
  }

  public MemProgParam {
    if (p.length != 6) {
      throw new IllegalArgumentException("six parameters, P1 to P6");
    }
    p = p.clone();
  }

  /**
   * @return P{@code n}, 1 to 6
   */
  public long parameter(int n) {
    parameterOffset(n);
    return p[n - 1];
  }

  /**
   * @return the 32 bytes
   */
  public byte[] encode() {
    byte[] bytes = new byte[SIZE];
    bytes[TOKEN] = (byte) token;
    bytes[STATUS] = (byte) status;
    bytes[INTERFACE] = (byte) iface;
    bytes[COMMAND] = (byte) command;
    put32(bytes, CODE, code);
    for (int n = 1; n <= 6; n++) {
      put32(bytes, parameterOffset(n), p[n - 1]);
    }
    return bytes;
  }

  /**
   * @return the structure in {@code bytes} (32 of them from {@code offset})
   */
  public static MemProgParam decode(byte[] bytes, int offset) {
    long[] p = new long[6];
    for (int n = 1; n <= 6; n++) {
      p[n - 1] = get32(bytes, offset + parameterOffset(n));
    }
    return new MemProgParam(
        bytes[offset + TOKEN] & 0xff,
        bytes[offset + STATUS] & 0xff,
        bytes[offset + INTERFACE] & 0xff,
        bytes[offset + COMMAND] & 0xff,
        get32(bytes, offset + CODE),
        p);
  }

  /**
   * @return the structure at {@code address} of {@code memory}
   */
  public static MemProgParam read(TargetMemory memory, long address) {
    byte[] bytes = new byte[SIZE];
    memory.read(address, bytes, 0, SIZE);
    return decode(bytes, 0);
  }

  static void put32(byte[] bytes, int at, long value) {
    bytes[at] = (byte) value;
    bytes[at + 1] = (byte) (value >>> 8);
    bytes[at + 2] = (byte) (value >>> 16);
    bytes[at + 3] = (byte) (value >>> 24);
  }

  static long get32(byte[] bytes, int at) {
    return (bytes[at] & 0xffL)
        | (bytes[at + 1] & 0xffL) << 8
        | (bytes[at + 2] & 0xffL) << 16
        | (bytes[at + 3] & 0xffL) << 24;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MemProgParam that
        && token == that.token
        && status == that.status
        && iface == that.iface
        && command == that.command
        && code == that.code
        && java.util.Arrays.equals(p, that.p);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        token, status, iface, command, code, java.util.Arrays.hashCode(p));
  }

  @Override
  public String toString() {
    return String.format(
        "PARAM[token 0x%02x, %s, interface %d, %s, code 0x%x, P1..P6 %s]",
        token,
        MemProg.statusName(status),
        iface,
        MemProg.commandName(command),
        code,
        java.util.Arrays.toString(p));
  }
}
