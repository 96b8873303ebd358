package org.flashstack.kv.nvs;

import static org.flashstack.kv.nvs.NvsFormat.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reading and writing the fields of pages and entries inside an image's bytes. */
final class NvsEntries {
  private NvsEntries() {}

  static int u8(byte[] b, int at) {
    return b[at] & 0xff;
  }

  static int u16(byte[] b, int at) {
    return u8(b, at) | u8(b, at + 1) << 8;
  }

  static int u32(byte[] b, int at) {
    return u16(b, at) | u16(b, at + 2) << 16;
  }

  static long u64(byte[] b, int at) {
    return (u32(b, at) & 0xffffffffL) | (long) u32(b, at + 4) << 32;
  }

  static void put16(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
  }

  static void put32(byte[] b, int at, int v) {
    put16(b, at, v);
    put16(b, at + 2, v >>> 16);
  }

  static void put64(byte[] b, int at, long v) {
    put32(b, at, (int) v);
    put32(b, at + 4, (int) (v >>> 32));
  }

  /**
   * @return the offset in the image of entry {@code entry} of the page at {@code page}
   */
  static int entryOffset(int page, int entry) {
    return page + ENTRIES_OFFSET + entry * ENTRY_SIZE;
  }

  /**
   * @return the state bits of entry {@code entry} of the page at {@code page}
   */
  static int entryState(byte[] image, int page, int entry) {
    int bits = u8(image, page + BITMAP_OFFSET + entry / 4);
    return (bits >>> (2 * (entry % 4))) & 0b11;
  }

  /** Sets entry {@code entry}'s state bits (clearing bits only, as flash programs). */
  static void setEntryState(byte[] image, int page, int entry, int state) {
    int at = page + BITMAP_OFFSET + entry / 4;
    int shift = 2 * (entry % 4);
    int mask = ~(0b11 << shift) | (state << shift);
    image[at] &= (byte) mask;
  }

  /**
   * @return the CRC32 an entry at {@code at} must carry: over bytes 0..3 and 8..31
   */
  static int entryCrc(byte[] image, int at) {
    int crc = NvsCrc32.update(0xFFFFFFFF, image, at, 4);
    return NvsCrc32.update(crc, image, at + ITEM_KEY, ENTRY_SIZE - ITEM_KEY);
  }

  /**
   * @return the CRC32 a page header at {@code page} must carry: over bytes 4..27
   */
  static int headerCrc(byte[] image, int page) {
    return NvsCrc32.of(image, page + HEADER_SEQUENCE, HEADER_CRC - HEADER_SEQUENCE);
  }

  /**
   * @return the key of the entry at {@code at}, or null if it is not NUL-terminated printable ASCII
   */
  static String key(byte[] image, int at) {
    int end = 0;
    while (end < 16 && image[at + ITEM_KEY + end] != 0) {
      int c = image[at + ITEM_KEY + end] & 0xff;
      if (c < 0x20 || c > 0x7e) {
        return null;
      }
      end++;
    }
    if (end == 16) {
      return null;
    }
    return new String(image, at + ITEM_KEY, end, StandardCharsets.US_ASCII);
  }

  /** The 32 bytes of an entry: fields set, key NUL-padded, data 0xFF, CRC last. */
  static byte[] entry(
      int namespace, NvsType type, int span, int chunkIndex, String key, byte[] data) {
    byte[] entry = new byte[ENTRY_SIZE];
    entry[ITEM_NAMESPACE] = (byte) namespace;
    entry[ITEM_TYPE] = (byte) type.code();
    entry[ITEM_SPAN] = (byte) span;
    entry[ITEM_CHUNK_INDEX] = (byte) chunkIndex;
    byte[] name = key.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, entry, ITEM_KEY, name.length);
    Arrays.fill(entry, ITEM_DATA, ENTRY_SIZE, (byte) 0xff);
    System.arraycopy(data, 0, entry, ITEM_DATA, Math.min(8, data.length));
    put32(entry, ITEM_CRC, entryCrc(entry, 0));
    return entry;
  }
}
