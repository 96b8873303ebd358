package org.flashstack.hw.cfi;

import static org.flashstack.api.cfi.CfiQueryOffsets.*;

import java.util.List;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.flash.EraseRegion;

/**
 * Generates an AMD/Fujitsu (0x0002) device's CFI query table (JESD68.01): identification, system
 * interface, geometry with one erase block region per run of equal sectors (boot sectors at the
 * bottom or the top), and the AMD primary extended table, version 1.3 ("PRI": erase suspend, sector
 * protection, boot sector flag, program suspend).
 */
public final class AmdQueryTable {

  /** Device interface code x8/x16 (byte and word modes). */
  public static final int INTERFACE_X8_X16 = 0x0002;

  /** Boot sector flags of the primary table. */
  public static final int BOTTOM_BOOT = 0x02;

  public static final int TOP_BOOT = 0x03;
  public static final int UNIFORM = 0x00;

  /** Offsets in the AMD primary extended table, after "PRI" and the version. */
  static final int PRI_ADDRESS_SENSITIVE_UNLOCK = 0x05;

  static final int PRI_ERASE_SUSPEND = 0x06;
  static final int PRI_SECTOR_PROTECT = 0x07;
  static final int PRI_TEMPORARY_UNPROTECT = 0x08;
  static final int PRI_PROTECT_SCHEME = 0x09;
  static final int PRI_SIMULTANEOUS_OPERATION = 0x0a;
  static final int PRI_BURST_MODE = 0x0b;
  static final int PRI_PAGE_MODE = 0x0c;
  static final int PRI_ACC_MIN = 0x0d;
  static final int PRI_ACC_MAX = 0x0e;
  static final int PRI_BOOT_FLAG = 0x0f;
  static final int PRI_PROGRAM_SUSPEND = 0x10;
  static final int PRI_AMD_LENGTH = 0x11;

  private AmdQueryTable() {}

  /**
   * @param regions the device's sectors, in address order
   * @param writeBufferBytes its write buffer (0: none)
   * @param typicalWordProgramMicros typical word program time (a power of two is exact)
   * @param typicalBufferProgramMicros typical buffer program time
   * @param typicalSectorEraseMillis typical sector erase time
   * @param typicalChipEraseMillis typical chip erase time
   * @param bootFlag {@link #BOTTOM_BOOT}, {@link #TOP_BOOT} or {@link #UNIFORM}
   * @return the query bytes, index = query address
   */
  public static byte[] build(
      List<EraseRegion> regions,
      int writeBufferBytes,
      long typicalWordProgramMicros,
      long typicalBufferProgramMicros,
      long typicalSectorEraseMillis,
      long typicalChipEraseMillis,
      int bootFlag) {
    int primary = ERASE_BLOCK_REGION_INFO + ERASE_BLOCK_REGION_INFO_SIZE * regions.size();
    byte[] table = new byte[primary + PRI_AMD_LENGTH];
    table[QUERY_UNIQUE_STRING] = 'Q';
    table[QUERY_UNIQUE_STRING + 1] = 'R';
    table[QUERY_UNIQUE_STRING + 2] = 'Y';
    le16(table, PRIMARY_COMMAND_SET, CfiQuery.COMMAND_SET_AMD_STANDARD);
    le16(table, PRIMARY_EXTENDED_TABLE_ADDRESS, primary);
    table[VCC_MIN] = 0x27;
    table[VCC_MAX] = 0x36;
    table[TYPICAL_WORD_PROGRAM_TIMEOUT] = (byte) log2(typicalWordProgramMicros);
    table[TYPICAL_BUFFER_WRITE_TIMEOUT] =
        (byte) (writeBufferBytes > 0 ? log2(typicalBufferProgramMicros) : 0);
    table[TYPICAL_BLOCK_ERASE_TIMEOUT] = (byte) log2(typicalSectorEraseMillis);
    table[TYPICAL_CHIP_ERASE_TIMEOUT] = (byte) log2(typicalChipEraseMillis);
    table[MAX_WORD_PROGRAM_TIMEOUT] = 3;
    table[MAX_BUFFER_WRITE_TIMEOUT] = (byte) (writeBufferBytes > 0 ? 3 : 0);
    table[MAX_BLOCK_ERASE_TIMEOUT] = 3;
    table[MAX_CHIP_ERASE_TIMEOUT] = 3;
    long size = 0;
    for (EraseRegion region : regions) {
      size += region.size();
    }
    table[DEVICE_SIZE] = (byte) Long.numberOfTrailingZeros(size);
    le16(table, INTERFACE_DESCRIPTION, INTERFACE_X8_X16);
    le16(
        table,
        MAX_WRITE_BUFFER_SIZE,
        writeBufferBytes > 0 ? Integer.numberOfTrailingZeros(writeBufferBytes) : 0);
    table[ERASE_BLOCK_REGION_COUNT] = (byte) regions.size();
    for (int i = 0; i < regions.size(); i++) {
      EraseRegion region = regions.get(i);
      int at = ERASE_BLOCK_REGION_INFO + ERASE_BLOCK_REGION_INFO_SIZE * i;
      le16(table, at, region.blockCount() - 1);
      le16(table, at + 2, (int) (region.blockSize() / 256));
    }
    table[primary + PRI_UNIQUE_STRING] = 'P';
    table[primary + PRI_UNIQUE_STRING + 1] = 'R';
    table[primary + PRI_UNIQUE_STRING + 2] = 'I';
    table[primary + PRI_MAJOR_VERSION] = '1';
    table[primary + PRI_MINOR_VERSION] = '3';
    table[primary + PRI_ADDRESS_SENSITIVE_UNLOCK] = 0; // unlock cycles required
    table[primary + PRI_ERASE_SUSPEND] = 2; // read and write while suspended
    table[primary + PRI_SECTOR_PROTECT] = 1;
    table[primary + PRI_TEMPORARY_UNPROTECT] = 0;
    table[primary + PRI_PROTECT_SCHEME] = 8;
    table[primary + PRI_SIMULTANEOUS_OPERATION] = 0;
    table[primary + PRI_BURST_MODE] = 0;
    table[primary + PRI_PAGE_MODE] = 0;
    table[primary + PRI_ACC_MIN] = (byte) 0x85;
    table[primary + PRI_ACC_MAX] = (byte) 0x95;
    table[primary + PRI_BOOT_FLAG] = (byte) bootFlag;
    table[primary + PRI_PROGRAM_SUSPEND] = 0;
    return table;
  }

  /**
   * @return whether {@code table} says the AMD command set
   */
  public static boolean isAmd(byte[] table) {
    return table.length > PRIMARY_COMMAND_SET + 1
        && ((table[PRIMARY_COMMAND_SET] & 0xff) | (table[PRIMARY_COMMAND_SET + 1] & 0xff) << 8)
            == CfiQuery.COMMAND_SET_AMD_STANDARD;
  }

  private static int log2(long value) {
    return value <= 1 ? 0 : 63 - Long.numberOfLeadingZeros(value);
  }

  private static void le16(byte[] table, int at, int value) {
    table[at] = (byte) value;
    table[at + 1] = (byte) (value >>> 8);
  }
}
