package org.flashstack.memprog.protocol;

import java.util.zip.CRC32;

/**
 * MemProgLib's CRC32: the reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF
 * (the CRC of zlib and Ethernet, whose check value for "123456789" is 0xCBF43926), as {@link CRC32}
 * computes it with the platform's intrinsics. A CRC over several pieces is their {@link #update}s
 * in order.
 */
public final class MemProgCrc {

  private final CRC32 crc = new CRC32();

  /** Adds {@code length} bytes of {@code data}. */
  public MemProgCrc update(byte[] data, int offset, int length) {
    crc.update(data, offset, length);
    return this;
  }

  /**
   * @return the CRC of what was added, as the unsigned value a P1 carries
   */
  public long value() {
    return crc.getValue();
  }

  /**
   * @return the CRC of {@code data}
   */
  public static long of(byte[] data) {
    return new MemProgCrc().update(data, 0, data.length).value();
  }
}
