package org.flashstack.hw.spinor;

import java.util.List;

/**
 * Protection by the BP bits of a status register, with the TB, SEC and CMP bits where the part has
 * them (Winbond, GigaDevice, Macronix, ISSI, Micron, Spansion datasheets' protection tables): BP =
 * 0 protects nothing and all ones the whole part; BP = n protects {@code unit << (n - 1)} bytes at
 * the top (TB = 0) or bottom (TB = 1), where the unit is the block size scaled so that the last
 * value but one covers half the part; SEC = 1 protects 4 KiB sectors instead (4, 8, 16, then 32
 * KiB); CMP = 1 protects everything else.
 */
final class BlockProtectBits implements BlockProtection {

  private static final long SECTOR = 4096;
  private static final long SECTOR_LIMIT = 32768;

  private final List<ChipPart.Bit> blockProtect;
  private final ChipPart.Bit topBottom;
  private final ChipPart.Bit sector;
  private final ChipPart.Bit complement;
  private final long size;
  private final long unit;
  private final int all;

  BlockProtectBits(ChipPart part) {
    ChipPart.Protection protection = part.protection();
    this.blockProtect = protection.blockProtect();
    this.topBottom = protection.topBottom();
    this.sector = protection.sector();
    this.complement = protection.complement();
    this.size = part.size();
    this.all = (1 << blockProtect.size()) - 1;
    long blocks = size / protection.blockSize();
    int needed = 63 - Long.numberOfLeadingZeros(Math.max(1, blocks));
    int slots = (1 << blockProtect.size()) - 2;
    this.unit =
        needed > slots ? protection.blockSize() << (needed - slots) : protection.blockSize();
  }

  private static boolean set(int[] registers, ChipPart.Bit bit) {
    return bit != null && (registers[bit.register()] & bit.mask()) != 0;
  }

  /**
   * @return the protected range before CMP as {start, end}
   */
  long[] range(int[] registers) {
    int value = 0;
    for (int i = 0; i < blockProtect.size(); i++) {
      if (set(registers, blockProtect.get(i))) {
        value |= 1 << i;
      }
    }
    long length;
    if (value == 0) {
      length = 0;
    } else if (value == all) {
      length = size;
    } else if (set(registers, sector)) {
      length = Math.min(SECTOR_LIMIT, SECTOR << (value - 1));
    } else {
      length = Math.min(size, unit << (value - 1));
    }
    return set(registers, topBottom) ? new long[] {0, length} : new long[] {size - length, size};
  }

  @Override
  public boolean isProtected(int[] registers, long offset, long length) {
    long[] range = range(registers);
    long end = offset + length;
    boolean overlaps = offset < range[1] && range[0] < end;
    if (!set(registers, complement)) {
      return overlaps;
    }
    boolean inside = offset >= range[0] && end <= range[1];
    return !inside;
  }
}
