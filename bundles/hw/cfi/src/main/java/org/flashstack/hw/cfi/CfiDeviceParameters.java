package org.flashstack.hw.cfi;

import java.nio.ByteOrder;

/**
 * The configuration of one emulated CFI flash bank: which devices sit on the bus and how.
 *
 * <p>The bank is {@code bankWidth} bytes wide and filled by {@code interleave = bankWidth /
 * deviceWidth} identical devices working in lockstep, device {@code i} on data lanes {@code
 * [8*i*deviceWidth, 8*(i+1)*deviceWidth)} of the bus value. Block size and block count describe the
 * bank as software sees it (the erase block of the bank is one block of every device); each device
 * reports its own share in its query table.
 *
 * @param name the instance name, e.g. {@code nor0}
 * @param bankWidth bus width in bytes: 1, 2 or 4
 * @param deviceWidth width of one device in bytes: 1 (x8) or 2 (x16), at most {@code bankWidth}
 * @param blockSize bank erase block size in bytes, a power of two; one device's share ({@code
 *     blockSize / interleave}) must be a multiple of 256 bytes, as CFI encodes it
 * @param blockCount number of erase blocks, a power of two (CFI encodes the device size as 2^n); 0
 *     means "as many as the backing file holds"
 * @param manufacturerId JEDEC manufacturer code each device reports, e.g. 0x89 (Intel)
 * @param deviceId device code each device reports, fitting the device width
 * @param writeBufferSize bytes of one device's write buffer, a power of two no smaller than the
 *     device width, or 0 for a device without buffered program
 * @param byteOrder how bus values map onto byte addresses
 * @param lockedAtPowerUp whether every block is locked after power-up (as on Intel P30), so
 *     software must unlock before program or erase
 */
public record CfiDeviceParameters(
    String name,
    int bankWidth,
    int deviceWidth,
    long blockSize,
    int blockCount,
    int manufacturerId,
    int deviceId,
    int writeBufferSize,
    ByteOrder byteOrder,
    boolean lockedAtPowerUp) {

  /** Checks everything the query table and the bus need, with a message per rule. */
  public CfiDeviceParameters {
    String who = name == null || name.isBlank() ? "CFI flash" : name;
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a CFI flash device needs a name");
    }
    if (bankWidth != 1 && bankWidth != 2 && bankWidth != 4) {
      throw new IllegalArgumentException(
          who + ": bank width must be 1, 2 or 4 bytes, not " + bankWidth);
    }
    if (deviceWidth != 1 && deviceWidth != 2) {
      throw new IllegalArgumentException(
          who + ": device width must be 1 (x8) or 2 (x16) bytes, not " + deviceWidth);
    }
    if (deviceWidth > bankWidth) {
      throw new IllegalArgumentException(
          who
              + ": an x"
              + 8 * deviceWidth
              + " device does not fit a "
              + 8 * bankWidth
              + "-bit bank");
    }
    int interleave = bankWidth / deviceWidth;
    if (blockSize <= 0 || Long.bitCount(blockSize) != 1) {
      throw new IllegalArgumentException(
          who + ": block size must be a power of two, not " + blockSize);
    }
    long deviceBlock = blockSize / interleave;
    if (deviceBlock < 256 || deviceBlock > 0xffffL * 256) {
      throw new IllegalArgumentException(
          String.format(
              "%s: each of the %d device(s) would have %d-byte blocks; CFI needs 256 bytes to 16 MiB per device block",
              who, interleave, deviceBlock));
    }
    if (blockCount < 0
        || blockCount > 0x10000
        || (blockCount != 0 && Integer.bitCount(blockCount) != 1)) {
      throw new IllegalArgumentException(
          String.format(
              "%s: block count must be a power of two up to 65536 (CFI encodes the device size as 2^n), or 0 to take it from the file; %d is not",
              who, blockCount));
    }
    if (blockSize * blockCount > (1L << 30)) {
      throw new IllegalArgumentException(who + ": the device may be at most 1 GiB");
    }
    if (manufacturerId < 0 || manufacturerId > 0xff) {
      throw new IllegalArgumentException(
          who + ": manufacturer ID must be one byte, not " + manufacturerId);
    }
    if (deviceId < 0 || deviceId >= (1 << (8 * deviceWidth))) {
      throw new IllegalArgumentException(
          String.format(
              "%s: device ID 0x%x does not fit an x%d device", who, deviceId, 8 * deviceWidth));
    }
    if (writeBufferSize != 0
        && (Integer.bitCount(writeBufferSize) != 1
            || writeBufferSize < deviceWidth
            || writeBufferSize > deviceBlock)) {
      throw new IllegalArgumentException(
          String.format(
              "%s: write buffer size must be 0 or a power of two from %d to %d bytes, not %d",
              who, deviceWidth, deviceBlock, writeBufferSize));
    }
    if (byteOrder == null) {
      throw new IllegalArgumentException(who + ": byte order is required");
    }
  }

  /**
   * A common default: two x16 Intel 28F320J3-style devices interleaved on a 32-bit bus (the layout
   * EDK2's NorFlashDxe and kvmtool use), 32 blocks of 256 KiB, 32-byte write buffers, little
   * endian.
   */
  public static CfiDeviceParameters twoX16On32Bit(String name) {
    return new CfiDeviceParameters(
        name, 4, 2, 256 * 1024, 32, 0x89, 0x16, 32, ByteOrder.LITTLE_ENDIAN, false);
  }

  /**
   * @return how many devices share the bus
   */
  public int interleave() {
    return bankWidth / deviceWidth;
  }

  /**
   * @return one device's share of a bank erase block
   */
  public long deviceBlockSize() {
    return blockSize / interleave();
  }

  /**
   * @return the bank size in bytes (0 while it is still to be taken from a file)
   */
  public long size() {
    return blockSize * blockCount;
  }

  /**
   * @return the bytes one buffered program of the bank takes at most
   */
  public int bankWriteBufferSize() {
    return writeBufferSize * interleave();
  }

  /**
   * @return a copy with another block count (once the backing file has set it)
   */
  public CfiDeviceParameters withBlockCount(int count) {
    return new CfiDeviceParameters(
        name,
        bankWidth,
        deviceWidth,
        blockSize,
        count,
        manufacturerId,
        deviceId,
        writeBufferSize,
        byteOrder,
        lockedAtPowerUp);
  }
}
