package org.flashstack.kv.nvs;

/**
 * The layout of an NVS partition, format version 2: the partition is a run of 4 KiB pages; each
 * page has a 32-byte header, a 32-byte entry state bitmap (two bits per entry) and 126 entries of
 * 32 bytes. Offsets are within a page or an entry; every number is little endian.
 */
public final class NvsFormat {
  private NvsFormat() {}

  /** Bytes of a page (the flash sector NVS erases). */
  public static final int PAGE_SIZE = 4096;

  /** Bytes of an entry (and of the header and of the bitmap). */
  public static final int ENTRY_SIZE = 32;

  /** Entries of a page. */
  public static final int ENTRY_COUNT = 126;

  /** Where the entry state bitmap starts in a page. */
  public static final int BITMAP_OFFSET = 32;

  /** Where the first entry starts in a page. */
  public static final int ENTRIES_OFFSET = 64;

  // ---- page header

  /** Header: page state, u32. */
  public static final int HEADER_STATE = 0;

  /** Header: sequence number, u32: the order pages were made active in. */
  public static final int HEADER_SEQUENCE = 4;

  /** Header: format version, u8: 0xFF for version 1, 0xFE for version 2. */
  public static final int HEADER_VERSION = 8;

  /** Header: CRC32 of bytes 4..27, u32. */
  public static final int HEADER_CRC = 28;

  /** The version byte of format version 2 (multi-page blobs). */
  public static final int VERSION_2 = 0xFE;

  /** The version byte of format version 1 (blobs within one page). */
  public static final int VERSION_1 = 0xFF;

  /** Page states, each clearing more bits of the last: erased, never used. */
  public static final int PAGE_EMPTY = 0xFFFFFFFF;

  /** Page state: being written. */
  public static final int PAGE_ACTIVE = 0xFFFFFFFE;

  /** Page state: no entry free. */
  public static final int PAGE_FULL = 0xFFFFFFFC;

  /** Page state: its live entries are being moved to another page before it is erased. */
  public static final int PAGE_FREEING = 0xFFFFFFF8;

  /** Page state: found damaged; skipped until erased. */
  public static final int PAGE_CORRUPT = 0xFFFFFFF0;

  /** Page state: not a page NVS can use. */
  public static final int PAGE_INVALID = 0;

  // ---- entry state bitmap (two bits per entry, entry 0 in the low bits of byte 0)

  /** Entry state: free. */
  public static final int ENTRY_EMPTY = 0b11;

  /** Entry state: holds an item (or part of one). */
  public static final int ENTRY_WRITTEN = 0b10;

  /** Entry state: held an item that was erased or superseded. */
  public static final int ENTRY_ERASED = 0b00;

  // ---- entry

  /** Entry: namespace index, u8 (0: the namespace table; 255 matches any). */
  public static final int ITEM_NAMESPACE = 0;

  /** Entry: item type, u8 ({@link NvsType}). */
  public static final int ITEM_TYPE = 1;

  /** Entry: entries the item spans, u8 (1 for an integer; 1 + data entries otherwise). */
  public static final int ITEM_SPAN = 2;

  /** Entry: blob chunk index, u8; 0xFF for items that are not blob data. */
  public static final int ITEM_CHUNK_INDEX = 3;

  /** Entry: CRC32 of bytes 0..3 and 8..31, u32. */
  public static final int ITEM_CRC = 4;

  /** Entry: key, NUL-terminated, 16 bytes. */
  public static final int ITEM_KEY = 8;

  /** Entry: data, 8 bytes: an integer, or the variable-length header. */
  public static final int ITEM_DATA = 24;

  /** Variable-length data: size in bytes, u16 (strings include their NUL). */
  public static final int VARIABLE_SIZE = 24;

  /** Variable-length data: CRC32 of the data bytes, u32. */
  public static final int VARIABLE_DATA_CRC = 28;

  /** Blob index: total size, u32. */
  public static final int BLOB_INDEX_SIZE = 24;

  /** Blob index: number of chunks, u8. */
  public static final int BLOB_INDEX_CHUNK_COUNT = 28;

  /** Blob index: chunk index of the first chunk, u8 (0x00 or 0x80, the two blob versions). */
  public static final int BLOB_INDEX_CHUNK_START = 29;

  /** The chunk index of items that are not blob data. */
  public static final int CHUNK_ANY = 0xFF;

  /** Chunk start of blob version 0 and of version 1 (a blob rewritten alternates). */
  public static final int BLOB_VERSION_0 = 0x00;

  public static final int BLOB_VERSION_1 = 0x80;

  /** The namespace index of the namespace table (entries naming each namespace). */
  public static final int NAMESPACE_TABLE = 0;

  /** The namespace index that matches any namespace in a lookup. */
  public static final int NAMESPACE_ANY = 255;

  // ---- limits, as ESP-IDF documents them

  /** Longest key: 15 characters (16 bytes with the NUL). */
  public static final int MAX_KEY_LENGTH = 15;

  /** Most namespaces a partition holds. */
  public static final int MAX_NAMESPACES = 254;

  /** Longest string, its NUL included. */
  public static final int MAX_STRING_SIZE = 4000;

  /** Largest blob chunk: a page's entries less the chunk's own header entry. */
  public static final int MAX_CHUNK_SIZE = (ENTRY_COUNT - 1) * ENTRY_SIZE;

  /** Largest blob: ESP-IDF's documented cap. */
  public static final int MAX_BLOB_SIZE = 508_000;

  /** Smallest partition ESP-IDF's generator accepts: three pages. */
  public static final int MIN_PARTITION_SIZE = 3 * PAGE_SIZE;

  /**
   * @return the entries a variable-length item of {@code size} bytes spans, its header included
   */
  public static int span(int size) {
    return 1 + (size + ENTRY_SIZE - 1) / ENTRY_SIZE;
  }
}
