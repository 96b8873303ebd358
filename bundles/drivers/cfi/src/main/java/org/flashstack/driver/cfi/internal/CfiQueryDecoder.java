package org.flashstack.driver.cfi.internal;

import static org.flashstack.api.cfi.CfiQueryOffsets.*;

import java.util.ArrayList;
import java.util.List;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;

/**
 * Decodes raw CFI query bytes (JESD68.01 tables 1-4, Intel AN-646 table 5) into a {@link CfiQuery}.
 */
final class CfiQueryDecoder {
  private CfiQueryDecoder() {}

  static CfiQuery decode(String device, BusLayout layout, byte[] raw) throws FlashException {
    int regionCount = u8(raw, ERASE_BLOCK_REGION_COUNT);
    if (regionCount == 0
        || ERASE_BLOCK_REGION_INFO + regionCount * ERASE_BLOCK_REGION_INFO_SIZE > raw.length) {
      throw fault(device, String.format("query table lists %d erase block regions", regionCount));
    }
    List<CfiQuery.Region> regions = regions(raw, regionCount);
    long deviceSize = 1L << u8(raw, DEVICE_SIZE);
    long covered = regions.stream().mapToLong(r -> r.blockCount() * r.blockSize()).sum();
    if (covered != deviceSize) {
      throw fault(
          device,
          String.format(
              "erase block regions cover %d bytes but the device size (0x27) says %d",
              covered, deviceSize));
    }
    int primaryCommandSet = le16(raw, PRIMARY_COMMAND_SET);
    int primaryTableAddress = le16(raw, PRIMARY_EXTENDED_TABLE_ADDRESS);
    int bufferLog2 = le16(raw, MAX_WRITE_BUFFER_SIZE);
    long typicalWord = timeout(raw, TYPICAL_WORD_PROGRAM_TIMEOUT);
    long typicalBuffer = timeout(raw, TYPICAL_BUFFER_WRITE_TIMEOUT);
    long typicalBlock = timeout(raw, TYPICAL_BLOCK_ERASE_TIMEOUT);
    long typicalChip = timeout(raw, TYPICAL_CHIP_ERASE_TIMEOUT);
    return new CfiQuery(
        layout.bankWidth(),
        layout.deviceWidth(),
        layout.interleave(),
        primaryCommandSet,
        primaryTableAddress,
        le16(raw, ALTERNATE_COMMAND_SET),
        millivolts(u8(raw, VCC_MIN)),
        millivolts(u8(raw, VCC_MAX)),
        millivolts(u8(raw, VPP_MIN)),
        millivolts(u8(raw, VPP_MAX)),
        typicalWord,
        typicalBuffer,
        typicalBlock,
        typicalChip,
        typicalWord << u8(raw, MAX_WORD_PROGRAM_TIMEOUT),
        typicalBuffer << u8(raw, MAX_BUFFER_WRITE_TIMEOUT),
        typicalBlock << u8(raw, MAX_BLOCK_ERASE_TIMEOUT),
        typicalChip << u8(raw, MAX_CHIP_ERASE_TIMEOUT),
        deviceSize,
        le16(raw, INTERFACE_DESCRIPTION),
        bufferLog2 == 0 ? 0 : 1 << bufferLog2,
        regions,
        intelPrimaryTable(raw, primaryCommandSet, primaryTableAddress),
        java.util.Arrays.copyOf(raw, tableEnd(raw, regionCount, primaryTableAddress)));
  }

  /**
   * @return the erase block regions of one device, in query order
   */
  private static List<CfiQuery.Region> regions(byte[] raw, int count) {
    List<CfiQuery.Region> regions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int at = ERASE_BLOCK_REGION_INFO + i * ERASE_BLOCK_REGION_INFO_SIZE;
      int blocks = le16(raw, at) + 1;
      int units = le16(raw, at + 2);
      regions.add(new CfiQuery.Region(blocks, units == 0 ? 128 : units * 256L));
    }
    return regions;
  }

  private static CfiQuery.IntelPrimaryTable intelPrimaryTable(byte[] raw, int commandSet, int p) {
    if (!CfiQuery.isIntelCommandSet(commandSet)
        || p == 0
        || p + PRI_LENGTH > raw.length
        || raw[p] != 'P'
        || raw[p + 1] != 'R'
        || raw[p + 2] != 'I') {
      return null;
    }
    return new CfiQuery.IntelPrimaryTable(
        (char) raw[p + PRI_MAJOR_VERSION],
        (char) raw[p + PRI_MINOR_VERSION],
        le16(raw, p + PRI_OPTIONAL_FEATURES)
            | ((long) le16(raw, p + PRI_OPTIONAL_FEATURES + 2) << 16),
        u8(raw, p + PRI_AFTER_SUSPEND_FUNCTIONS),
        le16(raw, p + PRI_BLOCK_STATUS_MASK),
        millivolts(u8(raw, p + PRI_VCC_OPTIMUM)),
        millivolts(u8(raw, p + PRI_VPP_OPTIMUM)));
  }

  private static int tableEnd(byte[] raw, int regionCount, int primaryTableAddress) {
    int end = ERASE_BLOCK_REGION_INFO + regionCount * ERASE_BLOCK_REGION_INFO_SIZE;
    if (primaryTableAddress > 0 && primaryTableAddress + PRI_LENGTH <= raw.length) {
      end = Math.max(end, primaryTableAddress + PRI_LENGTH);
    }
    return end;
  }

  /** 2^n, or 0 where the field is 0 (not supported). */
  private static long timeout(byte[] raw, int at) {
    int n = u8(raw, at);
    return n == 0 ? 0 : 1L << n;
  }

  /** BCD volts (bits 7-4) and tenths (bits 3-0) to millivolts. */
  private static int millivolts(int bcd) {
    return (bcd >> 4) * 1000 + (bcd & 0xf) * 100;
  }

  static int u8(byte[] raw, int at) {
    return raw[at] & 0xff;
  }

  static int le16(byte[] raw, int at) {
    return u8(raw, at) | u8(raw, at + 1) << 8;
  }

  private static FlashException fault(String device, String detail) {
    return new FlashException(
        FlashError.DEVICE_FAULT, device, "probe", -1, "inconsistent CFI query table: " + detail);
  }
}
