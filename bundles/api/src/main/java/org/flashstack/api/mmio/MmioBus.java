package org.flashstack.api.mmio;

/**
 * Accesses to a window of memory-mapped addresses, as firmware makes them: reads and writes of 1,
 * 2, 4 or 8 bytes at byte offsets from the start of the window.
 *
 * <p>Values are in the low {@code 8 * width} bits of a {@code long}; how they map onto byte
 * addresses (endianness) is the device's business, as on real buses. Accesses outside the window,
 * of an unsupported width or misaligned for their width are refused with {@link
 * MmioAccessException} and change nothing.
 *
 * <p>Device models implement it for their registers; drivers get it from {@link MmioDevice#claim},
 * so that only the device's owner reaches the registers.
 */
public interface MmioBus {

  /**
   * @return the device name, the {@link org.flashstack.api.device.DeviceProperties#NAME} of its
   *     services
   */
  String name();

  /**
   * @return the size of the window in bytes
   */
  long size();

  /**
   * Reads {@code width} bytes at {@code offset}.
   *
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
   * until it returns. Single accesses are atomic on their own; a sequence (command, data, status
   * polling) needs this.
   *
   * @throws X what the session throws
   */
  <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X;
}
