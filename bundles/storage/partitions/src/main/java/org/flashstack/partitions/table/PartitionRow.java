package org.flashstack.partitions.table;

/**
 * One partition of one device in the form every table converts through: where it is, its flags, and
 * what the other forms carry that the native one keeps so that a round trip loses nothing
 * (ESP-IDF's type, subtype and encrypted flag; mtdparts' power-up lock).
 *
 * @param name the partition's name
 * @param offset where it starts on the device
 * @param size its size in bytes
 * @param readOnly write and erase refused
 * @param powerUpLock mtdparts' {@code lk}: the partition is left locked at power-up (recorded)
 * @param espType ESP-IDF type, or null if the row never was in an ESP-IDF table
 * @param espSubtype ESP-IDF subtype, or null
 * @param encrypted ESP-IDF's encrypted flag (recorded)
 */
public record PartitionRow(
    String name,
    long offset,
    long size,
    boolean readOnly,
    boolean powerUpLock,
    Integer espType,
    Integer espSubtype,
    boolean encrypted) {

  /** A plain row: no ESP-IDF type, no lock. */
  public static PartitionRow plain(String name, long offset, long size, boolean readOnly) {
    return new PartitionRow(name, offset, size, readOnly, false, null, null, false);
  }

  /**
   * @return the first byte past the partition
   */
  public long end() {
    return offset + size;
  }

  /**
   * @return the row as an ESP-IDF entry; one that never was in such a table becomes data /
   *     undefined (0x06)
   */
  public EspPartition toEsp() {
    return new EspPartition(
        name,
        espType == null ? EspPartitionTypes.DATA : espType,
        espSubtype == null ? EspPartitionTypes.DATA_UNDEFINED : espSubtype,
        offset,
        size,
        encrypted,
        readOnly);
  }

  /**
   * @return the ESP-IDF entry as a row
   */
  public static PartitionRow fromEsp(EspPartition p) {
    return new PartitionRow(
        p.name(), p.offset(), p.size(), p.readonly(), false, p.type(), p.subtype(), p.encrypted());
  }
}
