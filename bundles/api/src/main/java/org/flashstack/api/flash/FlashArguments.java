package org.flashstack.api.flash;

/**
 * The argument checks every layer applies the same way, with the same messages: buffers, ranges,
 * block boundaries. Each failure is a {@link FlashException} naming the device, the operation and
 * the address.
 */
public final class FlashArguments {
  private FlashArguments() {}

  /**
   * Checks that {@code buffer[offset..offset+length)} exists.
   *
   * @throws FlashException INVALID_ARGUMENT for a null buffer or a range outside it
   */
  public static void checkBuffer(
      String device, String operation, long address, byte[] buffer, int offset, int length)
      throws FlashException {
    if (buffer == null) {
      throw new FlashException(
          FlashError.INVALID_ARGUMENT, device, operation, address, "the buffer is null");
    }
    if (length < 0 || offset < 0 || offset > buffer.length - length) {
      throw new FlashException(
          FlashError.INVALID_ARGUMENT,
          device,
          operation,
          address,
          String.format(
              "buffer range [%d, %d+%d) does not fit a buffer of %d bytes",
              offset, offset, length, buffer.length));
    }
  }

  /**
   * Checks that {@code [address, address + length)} is inside a device of {@code size} bytes.
   *
   * @throws FlashException INVALID_ARGUMENT for a negative length, OUT_OF_RANGE otherwise
   */
  public static void checkRange(
      String device, String operation, long address, long length, long size) throws FlashException {
    if (length < 0) {
      throw new FlashException(
          FlashError.INVALID_ARGUMENT,
          device,
          operation,
          address,
          "length must not be negative: " + length);
    }
    if (address < 0 || address > size || length > size - address) {
      throw new FlashException(
          FlashError.OUT_OF_RANGE,
          device,
          operation,
          address,
          String.format(
              "%d byte(s) from 0x%x do not fit the device (0x0..0x%x, %d bytes)",
              length, address, size - 1, size));
    }
  }

  /**
   * Checks that {@code [address, address + length)} is inside the device and both ends are erase
   * block boundaries.
   *
   * @throws FlashException INVALID_ARGUMENT, OUT_OF_RANGE or MISALIGNED
   */
  public static void checkBlocks(
      String device, String operation, long address, long length, FlashGeometry geometry)
      throws FlashException {
    checkRange(device, operation, address, length, geometry.size());
    if (!geometry.isBlockBoundary(address) || !geometry.isBlockBoundary(address + length)) {
      long bad = geometry.isBlockBoundary(address) ? address + length : address;
      long blockStart = geometry.blockStart(bad);
      throw new FlashException(
          FlashError.MISALIGNED,
          device,
          operation,
          address,
          String.format(
              "%s must cover whole blocks; 0x%x is inside block %d (0x%x..0x%x)",
              operation.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + operation.substring(1),
              bad,
              geometry.blockIndex(bad),
              blockStart,
              blockStart + geometry.blockSizeAt(bad) - 1));
    }
  }
}
