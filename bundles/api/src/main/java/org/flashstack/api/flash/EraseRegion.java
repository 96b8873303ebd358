package org.flashstack.api.flash;

/**
 * A run of equally sized erase blocks, as a CFI erase block region or an SFDP sector map entry
 * describes it.
 *
 * @param offset byte address of the first block of the region
 * @param blockSize size of each erase block in bytes (a power of two)
 * @param blockCount number of blocks in the region, at least 1
 */
public record EraseRegion(long offset, long blockSize, int blockCount) {

  /** Checks the components. */
  public EraseRegion {
    if (offset < 0) {
      throw new IllegalArgumentException("region offset must not be negative: " + offset);
    }
    if (blockSize <= 0 || Long.bitCount(blockSize) != 1) {
      throw new IllegalArgumentException("erase block size must be a power of two: " + blockSize);
    }
    if (blockCount < 1) {
      throw new IllegalArgumentException("an erase region needs at least one block: " + blockCount);
    }
  }

  /**
   * @return the size of the region in bytes
   */
  public long size() {
    return blockSize * blockCount;
  }

  /**
   * @return the first byte address after the region
   */
  public long end() {
    return offset + size();
  }

  /**
   * @return whether {@code address} lies inside this region
   */
  public boolean contains(long address) {
    return address >= offset && address < end();
  }
}
