package org.flashstack.partitions.table;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of an ESP-IDF partition table (one 32-byte {@code esp_partition_info_t} entry): name,
 * type and subtype (numbers; see {@link EspPartitionTypes} for the keywords), offset and size in
 * bytes on the flash, and the {@code encrypted} and {@code readonly} flags.
 *
 * @param name up to 16 bytes of UTF-8 in the binary (a longer name is cut there, as the tool does)
 * @param type 0 app, 1 data, 2 bootloader, 3 partition_table, 0x40 to 0xfe custom
 * @param subtype its meaning depends on the type
 * @param offset where it starts on the flash
 * @param size its size in bytes
 * @param encrypted flag bit 0
 * @param readonly flag bit 1
 * @param row where it came from, for messages: "line 4", "entry 2", or "" if made in code
 */
public record EspPartition(
    String name,
    int type,
    int subtype,
    long offset,
    long size,
    boolean encrypted,
    boolean readonly,
    String row) {

  /** Flag bit 0 of the entry: the partition is encrypted. */
  public static final int FLAG_ENCRYPTED = 1;

  /** Flag bit 1 of the entry: the partition is read-only. */
  public static final int FLAG_READONLY = 1 << 1;

  /** A row made in code. */
  public EspPartition(
      String name,
      int type,
      int subtype,
      long offset,
      long size,
      boolean encrypted,
      boolean readonly) {
    this(name, type, subtype, offset, size, encrypted, readonly, "");
  }

  /**
   * @return the flags word of the binary entry
   */
  public int flags() {
    return (encrypted ? FLAG_ENCRYPTED : 0) | (readonly ? FLAG_READONLY : 0);
  }

  /**
   * @return the flags as the CSV's flags column lists them, in the tool's fixed order
   */
  public List<String> flagNames() {
    List<String> names = new ArrayList<>();
    if (encrypted) {
      names.add("encrypted");
    }
    if (readonly) {
      names.add("readonly");
    }
    return names;
  }

  /**
   * @return the first byte past the partition
   */
  public long end() {
    return offset + size;
  }

  /**
   * @return "line 4 'nvs'", or "'nvs'" for a row made in code
   */
  String where() {
    return row.isEmpty() ? "'" + name + "'" : row + " '" + name + "'";
  }
}
