package org.flashstack.kv.nvs;

import static org.flashstack.kv.nvs.NvsEntries.*;
import static org.flashstack.kv.nvs.NvsFormat.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds an NVS partition image as {@code nvs_partition_gen.py generate} does (format version 2):
 * items are written in the order given, into page 0 and on; an item that does not fit the rest of a
 * page starts the next one, which is then made active and the previous one full; a blob is split
 * into chunks filling the pages it crosses, followed by its index; namespaces get indexes from 1 in
 * the order they first appear. As the generator does, every page but the last is given a full
 * header and the last is left erased: ESP-IDF needs one free page to reclaim into.
 */
public final class NvsImageBuilder {

  private final byte[] image;
  private final int pages;
  private final Map<String, Integer> namespaces = new LinkedHashMap<>();
  private int page;
  private int nextEntry;
  private int namespace = -1;

  /**
   * @param size the partition size in bytes: a multiple of 4096, at least 0x3000
   * @throws NvsException if the size is not one NVS can use
   */
  public NvsImageBuilder(int size) throws NvsException {
    if (size < MIN_PARTITION_SIZE || size % PAGE_SIZE != 0) {
      throw new NvsException(
          "ESP_ERR_INVALID_SIZE",
          String.format(
              "an NVS partition is a multiple of 4096 bytes and at least 0x%x; 0x%x is not",
              MIN_PARTITION_SIZE, size));
    }
    this.image = new byte[size];
    Arrays.fill(image, (byte) 0xff);
    this.pages = size / PAGE_SIZE;
    startPage(0);
  }

  private void startPage(int index) {
    int at = index * PAGE_SIZE;
    put32(image, at + HEADER_STATE, PAGE_ACTIVE);
    put32(image, at + HEADER_SEQUENCE, index);
    image[at + HEADER_VERSION] = (byte) VERSION_2;
    put32(image, at + HEADER_CRC, headerCrc(image, at));
    page = index;
    nextEntry = 0;
  }

  /** Makes room for {@code entries} consecutive entries, moving to the next page if needed. */
  private void reserve(int entries, String what) throws NvsException {
    if (ENTRY_COUNT - nextEntry >= entries) {
      return;
    }
    nextPage(what);
  }

  private void nextPage(String what) throws NvsException {
    if (page + 1 >= pages - 1) {
      throw new NvsException(
          "ESP_ERR_NVS_NOT_ENOUGH_SPACE",
          String.format(
              "%s does not fit the %d-byte partition (%d pages, one kept free for reclaiming)",
              what, image.length, pages));
    }
    put32(image, page * PAGE_SIZE + HEADER_STATE, PAGE_FULL);
    startPage(page + 1);
  }

  private void write(byte[] entry) {
    System.arraycopy(entry, 0, image, entryOffset(page * PAGE_SIZE, nextEntry), ENTRY_SIZE);
    setEntryState(image, page * PAGE_SIZE, nextEntry, ENTRY_WRITTEN);
    nextEntry++;
  }

  private void writeData(byte[] data, int from, int length) {
    for (int i = 0; i < length; i += ENTRY_SIZE) {
      byte[] entry = new byte[ENTRY_SIZE];
      Arrays.fill(entry, (byte) 0xff);
      System.arraycopy(data, from + i, entry, 0, Math.min(ENTRY_SIZE, length - i));
      write(entry);
    }
  }

  /**
   * Makes {@code name} the namespace of the items that follow, writing its namespace entry the
   * first time.
   */
  public NvsImageBuilder namespace(String name) throws NvsException {
    checkKey(name, "namespace");
    Integer index = namespaces.get(name);
    if (index == null) {
      if (namespaces.size() == MAX_NAMESPACES) {
        throw new NvsException(
            "ESP_ERR_NVS_NOT_ENOUGH_SPACE",
            "namespace '" + name + "': a partition holds at most 254 namespaces");
      }
      index = namespaces.size() + 1;
      reserve(1, "namespace '" + name + "'");
      write(
          entry(NAMESPACE_TABLE, NvsType.U8, 1, CHUNK_ANY, name, new byte[] {(byte) (int) index}));
      namespaces.put(name, index);
    }
    namespace = index;
    return this;
  }

  private void checkItem(String key) throws NvsException {
    if (namespace < 0) {
      throw new NvsException(
          "ESP_ERR_NVS_NOT_FOUND", "item '" + key + "' comes before any namespace");
    }
    checkKey(key, "key");
  }

  static void checkKey(String key, String what) throws NvsException {
    if (key == null || key.isEmpty()) {
      throw new NvsException("ESP_ERR_NVS_INVALID_NAME", "an empty " + what);
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw new NvsException(
          "ESP_ERR_NVS_KEY_TOO_LONG",
          String.format(
              "%s '%s' has %d characters; NVS allows %d", what, key, key.length(), MAX_KEY_LENGTH));
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new NvsException(
            "ESP_ERR_NVS_INVALID_NAME", what + " '" + key + "' is not printable ASCII");
      }
    }
  }

  /**
   * Writes an integer item.
   *
   * @throws NvsException if the value does not fit the type, or the partition is full
   */
  public NvsImageBuilder put(String key, NvsType type, long value) throws NvsException {
    checkItem(key);
    if (!type.isInteger()) {
      throw new NvsException("ESP_ERR_NVS_TYPE_MISMATCH", type + " is not an integer type");
    }
    checkRange(key, type, value);
    byte[] data = new byte[type.width()];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (value >>> (8 * i));
    }
    reserve(1, "item '" + key + "'");
    write(entry(namespace, type, 1, CHUNK_ANY, key, data));
    return this;
  }

  static void checkRange(String key, NvsType type, long value) throws NvsException {
    long[] range = type.range();
    boolean fits = type == NvsType.U64 || (value >= range[0] && value <= range[1]);
    if (!fits) {
      throw new NvsException(
          "ESP_ERR_NVS_VALUE_TOO_LONG",
          String.format(
              "%s: %d is outside %s's range %d..%d", key, value, type, range[0], range[1]));
    }
  }

  /**
   * @return {@code value} as NVS stores a string: UTF-8 with its NUL
   * @throws NvsException ESP_ERR_NVS_VALUE_TOO_LONG past NVS's string limit
   */
  static byte[] stringData(String key, String value) throws NvsException {
    byte[] text = value.getBytes(StandardCharsets.UTF_8);
    byte[] data = Arrays.copyOf(text, text.length + 1);
    if (data.length > MAX_STRING_SIZE) {
      throw new NvsException(
          "ESP_ERR_NVS_VALUE_TOO_LONG",
          String.format(
              "string '%s' takes %d bytes with its NUL; NVS allows %d",
              key, data.length, MAX_STRING_SIZE));
    }
    return data;
  }

  /** Writes a string item (stored with its NUL). */
  public NvsImageBuilder putString(String key, String value) throws NvsException {
    checkItem(key);
    byte[] data = stringData(key, value);
    reserve(span(data.length), "string '" + key + "'");
    write(variable(namespace, NvsType.STRING, CHUNK_ANY, key, data, 0, data.length));
    writeData(data, 0, data.length);
    return this;
  }

  static byte[] variable(
      int namespace, NvsType type, int chunkIndex, String key, byte[] data, int from, int length) {
    byte[] header = new byte[8];
    put16(header, 0, length);
    put16(header, 2, 0xffff);
    put32(header, 4, NvsCrc32.of(data, from, length));
    return entry(namespace, type, span(length), chunkIndex, key, header);
  }

  /** Writes a blob: chunks filling the pages it crosses, then its index (blob version 0). */
  public NvsImageBuilder putBlob(String key, byte[] data) throws NvsException {
    checkItem(key);
    if (data.length > MAX_BLOB_SIZE) {
      throw new NvsException(
          "ESP_ERR_NVS_VALUE_TOO_LONG",
          String.format("blob '%s' has %d bytes; NVS allows %d", key, data.length, MAX_BLOB_SIZE));
    }
    int chunks = 0;
    int done = 0;
    do {
      if (ENTRY_COUNT - nextEntry < 2) {
        nextPage("blob '" + key + "'");
      }
      int room = (ENTRY_COUNT - nextEntry - 1) * ENTRY_SIZE;
      int length = Math.min(room, data.length - done);
      write(
          variable(namespace, NvsType.BLOB_DATA, BLOB_VERSION_0 + chunks, key, data, done, length));
      writeData(data, done, length);
      done += length;
      chunks++;
    } while (done < data.length);
    byte[] index = new byte[8];
    put32(index, 0, data.length);
    index[4] = (byte) chunks;
    index[5] = (byte) BLOB_VERSION_0;
    put16(index, 6, 0xffff);
    reserve(1, "blob index '" + key + "'");
    write(entry(namespace, NvsType.BLOB_INDEX, 1, CHUNK_ANY, key, index));
    return this;
  }

  /**
   * @return the image as {@code nvs_partition_gen.py} leaves it: every page but the last with a
   *     full header (sequence number = page index), the last erased, kept free for the device's
   *     first reclaim
   */
  public byte[] build() {
    byte[] out = image.clone();
    for (int index = 0; index < pages - 1; index++) {
      int at = index * PAGE_SIZE;
      put32(out, at + HEADER_STATE, PAGE_FULL);
      put32(out, at + HEADER_SEQUENCE, index);
      out[at + HEADER_VERSION] = (byte) VERSION_2;
      put32(out, at + HEADER_CRC, headerCrc(out, at));
    }
    return out;
  }
}
