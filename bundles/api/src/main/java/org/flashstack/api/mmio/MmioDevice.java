package org.flashstack.api.mmio;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A device seen through a window of memory-mapped addresses, as firmware sees it: reads and writes
 * of 1, 2, 4 or 8 bytes at byte offsets from the start of the window.
 *
 * <p>Values are in the low {@code 8 * width} bits of a {@code long}; how they map onto byte
 * addresses (endianness) is the device's business, as on real buses. Accesses outside the window,
 * of an unsupported width or misaligned for their width are refused with {@link
 * MmioAccessException} and change nothing.
 *
 * <p>Registered as an OSGi service with {@value #NAME} and {@value #COMPATIBLE} properties, the way
 * a device tree node names a device and its binding; drivers select devices by filter on them.
 * Implemented by device models, including vendors' controller models.
 */
@ConsumerType
public interface MmioDevice {

  /**
   * Service property: the device instance name, e.g. {@code nor0}. Device models are factory
   * configurations whose {@code name} attribute DS publishes as this property.
   */
  String NAME = "name";

  /** Service property: the binding the device follows, e.g. {@value #COMPATIBLE_CFI_FLASH}. */
  String COMPATIBLE = "mmio.compatible";

  /** {@value #COMPATIBLE} value of CFI parallel NOR flash (as the device tree binding says). */
  String COMPATIBLE_CFI_FLASH = "cfi-flash";

  /**
   * Service property (Integer): the data bus width in bytes, as the device tree's {@code
   * bank-width}.
   */
  String BANK_WIDTH = "bankWidth";

  /**
   * Service property (Boolean): bus values are big endian, as the device tree's {@code big-endian};
   * absent or false means little endian. Drivers need it to lay data bytes onto the bus.
   */
  String BIG_ENDIAN = "bigEndian";

  /**
   * @return the instance name, the same as the {@value #NAME} service property
   */
  String name();

  /**
   * @return the size of the address window in bytes
   */
  long size();

  /**
   * Reads {@code width} bytes at {@code offset}.
   *
   * @param offset byte offset in the window, a multiple of {@code width}
   * @param width 1, 2, 4 or 8
   * @return the value in the low {@code 8 * width} bits
   * @throws MmioAccessException if the access is refused
   */
  long read(long offset, int width);

  /**
   * Writes the low {@code 8 * width} bits of {@code value} at {@code offset}.
   *
   * @throws MmioAccessException if the access is refused
   */
  void write(long offset, int width, long value);

  /**
   * Copies {@code length} bytes starting at {@code offset} into {@code destination}, with the
   * semantics of a byte-wise {@code memcpy_fromio}: what successive reads of the window would
   * return. Devices that map memory (flash in read-array mode) copy it straight from their storage.
   *
   * @throws MmioAccessException if any byte of the range is outside the window
   * @throws IndexOutOfBoundsException if the destination range is invalid
   */
  void readBulk(long offset, byte[] destination, int destinationOffset, int length);

  /**
   * Runs {@code session} with the device to itself: no other thread's access reaches the device
   * until it returns. Single {@link #read}/{@link #write} calls are atomic on their own; a sequence
   * (command, data, status polling) needs this.
   *
   * @throws X what the session throws
   */
  <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X;
}
