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
   * @return whether a DMA channel in hardware-handshake mode can read the register at {@code
   *     offset}, paced by the peripheral's request line (see {@link #readDma})
   */
  default boolean dmaHandshake(long offset) {
    return false;
  }

  /**
   * A DMA channel in hardware-handshake mode: reads the data register at {@code offset} {@code
   * count} times, {@code width} bytes each, stored as {@link #readRepeated} stores them, each read
   * made when the peripheral requests it (its FIFO holds data), while the caller waits for the
   * channel to finish. Emulated time passes as the peripheral produces the data, as it would for
   * that many single reads paced by the FIFO level. The channel stops early when no more data will
   * come (the peripheral halted on an error, or has nothing left to receive) or when {@code
   * timeoutNanos} of emulated time have passed; the caller then reads the peripheral's status to
   * learn why.
   *
   * @return how many values were moved, {@code count} unless the channel stopped early
   * @throws MmioAccessException if the register has no handshake ({@link #dmaHandshake} is false)
   * @throws IndexOutOfBoundsException if {@code count * width} bytes do not fit the destination
   */
  default int readDma(
      long offset,
      int width,
      byte[] destination,
      int destinationOffset,
      int count,
      long timeoutNanos) {
    throw new MmioAccessException(
        String.format("%s: no DMA handshake on the register at 0x%x", name(), offset));
  }

  /**
   * Reads the one register at {@code offset} {@code count} times, {@code width} bytes each, and
   * stores the values one after another, each least significant byte first: what firmware does with
   * {@code ioread32_rep} or a DMA channel draining a FIFO data register. Unlike {@link #readBulk},
   * the address does not move. A device whose register is a FIFO may serve the whole burst at once;
   * the result is the same as {@code count} single reads made in a row.
   *
   * @throws MmioAccessException if a single read of that register and width would be refused
   * @throws IndexOutOfBoundsException if {@code count * width} bytes do not fit the destination
   */
  default void readRepeated(
      long offset, int width, byte[] destination, int destinationOffset, int count) {
    java.util.Objects.checkFromIndexSize(
        destinationOffset, Math.multiplyExact(count, width), destination.length);
    int at = destinationOffset;
    for (int i = 0; i < count; i++) {
      long value = read(offset, width);
      for (int b = 0; b < width; b++) {
        destination[at++] = (byte) (value >>> (8 * b));
      }
    }
  }

  /**
   * Runs {@code session} with the device to itself: no other thread's access reaches the device
   * until it returns. Single accesses are atomic on their own; a sequence (command, data, status
   * polling) needs this.
   *
   * @throws X what the session throws
   */
  <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X;
}
