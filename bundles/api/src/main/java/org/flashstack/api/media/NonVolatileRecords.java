package org.flashstack.api.media;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The few non-volatile bits a flash device keeps outside its cell array: the non-volatile bits of
 * an SPI NOR status or configuration register, a CFI part's persistent sector protection bits,
 * block lock bits or protection register. Like the cells, they survive power cycles and, on
 * file-backed media, restarts: they are kept beside the image in {@code <image>.nvr}. Each record
 * is a name (chosen by the device model) and a few bytes; a write is on stable storage when it
 * returns. RAM media keep the records for as long as the media is open; a read-only image's records
 * are read from the file and changed only in memory. Thread-safe.
 */
@ProviderType
public interface NonVolatileRecords {

  /**
   * @return a copy of the record {@code name}, or null if none was written
   */
  byte[] read(String name);

  /**
   * Replaces the record {@code name} with a copy of {@code value}.
   *
   * @throws MediaFaultException if the records file cannot be written (the record is unchanged)
   */
  void write(String name, byte[] value);

  /** Records that live only while their media is open: RAM media, and tests. */
  static NonVolatileRecords inMemory() {
    return new NonVolatileRecords() {
      private final java.util.Map<String, byte[]> records =
          new java.util.concurrent.ConcurrentHashMap<>();

      @Override
      public byte[] read(String name) {
        byte[] value = records.get(name);
        return value == null ? null : value.clone();
      }

      @Override
      public void write(String name, byte[] value) {
        records.put(name, value.clone());
      }
    };
  }
}
