package org.flashstack.partitions.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The type and subtype keywords of ESP-IDF partition tables ({@code gen_esp32part.py} 1.5, {@code
 * esp_partition.h}), in the tool's order, and the offset and size alignment each type needs.
 */
public final class EspPartitionTypes {
  private EspPartitionTypes() {}

  /** Type 0x00. */
  public static final int APP = 0x00;

  /** Type 0x01. */
  public static final int DATA = 0x01;

  /** Type 0x02 (tool 1.5). */
  public static final int BOOTLOADER = 0x02;

  /** Type 0x03 (tool 1.5). */
  public static final int PARTITION_TABLE = 0x03;

  /** app subtype 0x00. */
  public static final int APP_FACTORY = 0x00;

  /** app subtypes ota_0 .. ota_15 are 0x10 .. 0x1f. */
  public static final int APP_OTA_0 = 0x10;

  /** data subtype 0x00: the OTA data (otadata) partition. */
  public static final int DATA_OTA = 0x00;

  /** data subtype 0x02. */
  public static final int DATA_NVS = 0x02;

  /** data subtype 0x03. */
  public static final int DATA_COREDUMP = 0x03;

  /** data subtype 0x06: what an empty data subtype means. */
  public static final int DATA_UNDEFINED = 0x06;

  /** data subtype 0x90: the TEE's OTA data. */
  public static final int DATA_TEE_OTA = 0x90;

  /** Subtype 0x00 of the bootloader and partition_table types: the primary one. */
  public static final int PRIMARY = 0x00;

  /** The size both OTA data partitions must have. */
  public static final long OTADATA_SIZE = 0x2000;

  /** A read-write NVS partition must be at least this large. */
  public static final long NVS_READ_WRITE_MIN_SIZE = 0x3000;

  private static final Map<String, Integer> TYPES = new LinkedHashMap<>();
  private static final Map<Integer, Map<String, Integer>> SUBTYPES = new LinkedHashMap<>();

  static {
    TYPES.put("bootloader", BOOTLOADER);
    TYPES.put("partition_table", PARTITION_TABLE);
    TYPES.put("app", APP);
    TYPES.put("data", DATA);
    Map<String, Integer> bootloader = new LinkedHashMap<>();
    bootloader.put("primary", 0x00);
    bootloader.put("ota", 0x01);
    bootloader.put("recovery", 0x02);
    Map<String, Integer> table = new LinkedHashMap<>();
    table.put("primary", 0x00);
    table.put("ota", 0x01);
    Map<String, Integer> app = new LinkedHashMap<>();
    app.put("factory", APP_FACTORY);
    app.put("test", 0x20);
    for (int slot = 0; slot < 16; slot++) {
      app.put("ota_" + slot, APP_OTA_0 + slot);
    }
    app.put("tee_0", 0x30);
    app.put("tee_1", 0x31);
    Map<String, Integer> data = new LinkedHashMap<>();
    data.put("ota", DATA_OTA);
    data.put("phy", 0x01);
    data.put("nvs", DATA_NVS);
    data.put("coredump", DATA_COREDUMP);
    data.put("nvs_keys", 0x04);
    data.put("efuse", 0x05);
    data.put("undefined", DATA_UNDEFINED);
    data.put("esphttpd", 0x80);
    data.put("fat", 0x81);
    data.put("spiffs", 0x82);
    data.put("littlefs", 0x83);
    data.put("tee_ota", DATA_TEE_OTA);
    SUBTYPES.put(BOOTLOADER, Collections.unmodifiableMap(bootloader));
    SUBTYPES.put(PARTITION_TABLE, Collections.unmodifiableMap(table));
    SUBTYPES.put(APP, Collections.unmodifiableMap(app));
    SUBTYPES.put(DATA, Collections.unmodifiableMap(data));
  }

  /**
   * @return the type keywords, in the tool's order
   */
  public static Map<String, Integer> types() {
    return Collections.unmodifiableMap(TYPES);
  }

  /**
   * @return the subtype keywords of {@code type}, in the tool's order (none for a custom type)
   */
  public static Map<String, Integer> subtypes(int type) {
    return SUBTYPES.getOrDefault(type, Map.of());
  }

  /**
   * @return the keyword of type {@code type}, if it has one
   */
  public static Optional<String> typeName(int type) {
    return keyword(TYPES, type);
  }

  /**
   * @return the keyword of subtype {@code subtype} of {@code type}, if it has one
   */
  public static Optional<String> subtypeName(int type, int subtype) {
    return keyword(subtypes(type), subtype);
  }

  private static Optional<String> keyword(Map<String, Integer> keywords, int value) {
    for (Map.Entry<String, Integer> entry : keywords.entrySet()) {
      if (entry.getValue() == value) {
        return Optional.of(entry.getKey());
      }
    }
    return Optional.empty();
  }

  /**
   * @return the alignment of a partition's offset: 64 KiB for app, 4 KiB for everything else
   */
  public static long offsetAlignment(int type) {
    return type == APP ? 0x10000 : 0x1000;
  }

  /**
   * @param secure null, "v1" or "v2": secure boot v1 needs app sizes on 64 KiB
   * @return the alignment of a partition's size: 4 KiB (64 KiB with secure boot v1) for app, none
   *     for the rest
   */
  public static long sizeAlignment(int type, String secure) {
    if (type != APP) {
      return 1;
    }
    return "v1".equals(secure) ? 0x10000 : 0x1000;
  }

  /**
   * @return how a type prints in a CSV: its keyword, else its number in decimal (the tool's form)
   */
  static String typeText(int type) {
    return typeName(type).orElse(Integer.toString(type));
  }

  /**
   * @return how a subtype prints in a CSV: its keyword, else its number in decimal
   */
  static String subtypeText(int type, int subtype) {
    return subtypeName(type, subtype).orElse(Integer.toString(subtype));
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
