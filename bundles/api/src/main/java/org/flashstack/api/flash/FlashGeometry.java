package org.flashstack.api.flash;

import java.util.List;

/**
 * How a flash device is laid out: its size, its erase block regions and its program unit.
 *
 * @param size total size in bytes
 * @param regions erase block regions, in address order, contiguous from 0 to {@code size}
 * @param programUnit smallest number of bytes the device programs at once (the bus width of a
 *     parallel device, 1 for SPI NOR); drivers pad partial units with the erase value
 * @param writeBufferSize bytes one buffered program (write-to-buffer, page program) can take, or 0
 *     where the device has no write buffer
 * @param eraseValue the value every byte has after an erase (0xff for NOR)
 */
public record FlashGeometry(
    long size, List<EraseRegion> regions, int programUnit, int writeBufferSize, int eraseValue) {

  /** Checks that the regions tile the device exactly. */
  public FlashGeometry {
    regions = List.copyOf(regions);
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("a flash device needs at least one erase region");
    }
    long expected = 0;
    for (EraseRegion region : regions) {
      if (region.offset() != expected) {
        throw new IllegalArgumentException(
            String.format(
                "erase regions must be contiguous: region at 0x%x, expected 0x%x",
                region.offset(), expected));
      }
      expected = region.end();
    }
    if (expected != size) {
      throw new IllegalArgumentException(
          String.format("erase regions cover 0x%x bytes but the device has 0x%x", expected, size));
    }
    if (programUnit < 1 || writeBufferSize < 0 || eraseValue < 0 || eraseValue > 0xff) {
      throw new IllegalArgumentException("invalid program unit, write buffer size or erase value");
    }
  }

  /** A device with a single region of {@code blockCount} blocks of {@code blockSize} bytes. */
  public static FlashGeometry uniform(
      long blockSize, int blockCount, int programUnit, int writeBufferSize) {
    return new FlashGeometry(
        blockSize * blockCount,
        List.of(new EraseRegion(0, blockSize, blockCount)),
        programUnit,
        writeBufferSize,
        0xff);
  }

  /**
   * @return whether every erase block has the same size
   */
  public boolean isUniform() {
    return regions.stream().mapToLong(EraseRegion::blockSize).distinct().count() == 1;
  }

  /**
   * @return the total number of erase blocks
   */
  public int blockCount() {
    return regions.stream().mapToInt(EraseRegion::blockCount).sum();
  }

  /**
   * @return the erase region containing {@code address}
   * @throws IllegalArgumentException if the address is outside the device
   */
  public EraseRegion regionAt(long address) {
    for (EraseRegion region : regions) {
      if (region.contains(address)) {
        return region;
      }
    }
    throw new IllegalArgumentException(
        String.format("address 0x%x is outside the device (size 0x%x)", address, size));
  }

  /**
   * @return the first byte address of the erase block containing {@code address}
   */
  public long blockStart(long address) {
    EraseRegion region = regionAt(address);
    return address - ((address - region.offset()) % region.blockSize());
  }

  /**
   * @return the size of the erase block containing {@code address}
   */
  public long blockSizeAt(long address) {
    return regionAt(address).blockSize();
  }

  /**
   * @return the index (from 0, over all regions) of the erase block containing {@code address}
   */
  public int blockIndex(long address) {
    int index = 0;
    for (EraseRegion region : regions) {
      if (region.contains(address)) {
        return index + (int) ((address - region.offset()) / region.blockSize());
      }
      index += region.blockCount();
    }
    throw new IllegalArgumentException(
        String.format("address 0x%x is outside the device (size 0x%x)", address, size));
  }

  /**
   * @return whether {@code address} is the first byte of an erase block (or the end of the device)
   */
  public boolean isBlockBoundary(long address) {
    return address == size || (address >= 0 && address < size && blockStart(address) == address);
  }
}
