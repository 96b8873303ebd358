package org.flashstack.kv.nvs;

/**
 * The CRC32 NVS puts in its page headers and entries: the reflected polynomial 0xEDB88320 of zlib's
 * CRC32, continued from 0xFFFFFFFF (ESP-IDF's {@code esp_rom_crc32_le(0xffffffff, ...)}, Python's
 * {@code zlib.crc32(data, 0xffffffff)}), which is zlib's CRC32 with the register started at zero.
 * {@code java.util.zip.CRC32} cannot start elsewhere, hence this table.
 */
public final class NvsCrc32 {
  private NvsCrc32() {}

  private static final int[] TABLE = new int[256];

  static {
    for (int n = 0; n < 256; n++) {
      int c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      }
      TABLE[n] = c;
    }
  }

  /**
   * @return the NVS CRC32 of {@code length} bytes at {@code data[offset]}
   */
  public static int of(byte[] data, int offset, int length) {
    return update(0xFFFFFFFF, data, offset, length);
  }

  /**
   * @return {@code crc} (a CRC32 so far, as returned) continued over more bytes
   */
  public static int update(int crc, byte[] data, int offset, int length) {
    int c = ~crc;
    for (int i = offset; i < offset + length; i++) {
      c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
    }
    return ~c;
  }
}
