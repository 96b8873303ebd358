package org.flashstack.partitions.table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native form of a partition: its factory configuration ({@code org.flashstack.partition}), as
 * properties in text. Every table form converts through {@link PartitionRow} to and from it; what
 * ESP-IDF and mtdparts carry beyond offset, size and read-only is kept in the {@code esp.*} and
 * {@code mtd.*} properties so that a round trip loses nothing.
 */
public final class NativePartitions {
  private NativePartitions() {}

  /** The partitions' factory PID. */
  public static final String FACTORY_PID = "org.flashstack.partition";

  public static final String NAME = "partition.name";
  public static final String TARGET = "flash.target";
  public static final String OFFSET = "offset";
  public static final String SIZE = "size";
  public static final String READ_ONLY = "readOnly";
  public static final String DRIVER_NUMBER = "partition.driverNumber";
  public static final String ESP_TYPE = "esp.type";
  public static final String ESP_SUBTYPE = "esp.subtype";
  public static final String ESP_ENCRYPTED = "esp.encrypted";
  public static final String MTD_POWER_UP_LOCK = "mtd.powerUpLock";

  private static final Pattern DEVICE_FILTER =
      Pattern.compile("\\(device\\.name=([^()=*\\\\]+)\\)");

  /**
   * @return the configuration of {@code row} on {@code device} with {@code driverNumber}
   */
  public static Map<String, String> toConfiguration(
      PartitionRow row, String device, long driverNumber) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(NAME, row.name());
    properties.put(TARGET, "(device.name=" + device + ")");
    properties.put(OFFSET, "0x" + Long.toHexString(row.offset()));
    properties.put(SIZE, EspPartitionTable.sizeText(row.size()));
    properties.put(READ_ONLY, Boolean.toString(row.readOnly()));
    properties.put(DRIVER_NUMBER, String.format("0x%08x", driverNumber));
    if (row.espType() != null) {
      properties.put(ESP_TYPE, "0x" + Integer.toHexString(row.espType()));
      properties.put(ESP_SUBTYPE, "0x" + Integer.toHexString(row.espSubtype()));
      properties.put(ESP_ENCRYPTED, Boolean.toString(row.encrypted()));
    }
    if (row.powerUpLock()) {
      properties.put(MTD_POWER_UP_LOCK, "true");
    }
    return properties;
  }

  /**
   * @return the row a partition configuration describes
   * @throws PartitionTableException for a missing or unreadable offset, size or ESP-IDF type
   */
  public static PartitionRow fromConfiguration(Map<String, String> properties)
      throws PartitionTableException {
    String name = properties.get(NAME);
    if (name == null || name.isBlank()) {
      throw new PartitionTableException("a partition configuration without partition.name");
    }
    long offset = number(properties, OFFSET, name);
    long size = number(properties, SIZE, name);
    Integer type = null;
    Integer subtype = null;
    if (properties.containsKey(ESP_TYPE)) {
      type = (int) number(properties, ESP_TYPE, name);
      subtype =
          properties.containsKey(ESP_SUBTYPE)
              ? (int) number(properties, ESP_SUBTYPE, name)
              : EspPartitionTypes.DATA_UNDEFINED;
    }
    return new PartitionRow(
        name,
        offset,
        size,
        Boolean.parseBoolean(properties.get(READ_ONLY)),
        Boolean.parseBoolean(properties.get(MTD_POWER_UP_LOCK)),
        type,
        subtype,
        Boolean.parseBoolean(properties.get(ESP_ENCRYPTED)));
  }

  /**
   * @return the device a partition configuration's {@code flash.target} names, or null
   */
  public static String device(Map<String, String> properties) {
    String target = properties.get(TARGET);
    if (target == null) {
      return null;
    }
    Matcher matcher = DEVICE_FILTER.matcher(target.strip());
    return matcher.matches() ? matcher.group(1) : null;
  }

  /**
   * @return the configuration's driver number, or -1 if it has none that reads
   */
  public static long driverNumber(Map<String, String> properties) {
    String text = properties.get(DRIVER_NUMBER);
    try {
      return text == null ? -1 : Long.decode(text.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long number(Map<String, String> properties, String key, String name)
      throws PartitionTableException {
    String text = properties.get(key);
    if (text == null) {
      throw new PartitionTableException("partition " + name + ": no " + key);
    }
    try {
      return org.flashstack.api.device.ByteSizes.parse(text, "partition " + name + ": " + key);
    } catch (IllegalArgumentException e) {
      throw new PartitionTableException(e.getMessage());
    }
  }
}
