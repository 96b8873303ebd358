package org.flashstack.hw.cfi;

import static org.flashstack.api.cfi.CfiQueryOffsets.*;

import org.flashstack.api.cfi.CfiQuery;

/**
 * Generates one device's CFI query table (JESD68.01, Intel AN-646) from the parameters:
 * identification, system interface, geometry (size, interface, write buffer, one erase block
 * region) and the Intel primary extended table, version 1.0 (erase and program suspend, program
 * after erase suspend, instant individual block locking).
 */
final class CfiQueryTable {
  private CfiQueryTable() {}

  /** Where the primary extended table starts: right after the single erase block region. */
  static final int PRIMARY_TABLE = ERASE_BLOCK_REGION_INFO + ERASE_BLOCK_REGION_INFO_SIZE;

  /** 2.7 V, BCD volts and tenths. */
  private static final int VCC_2V7 = 0x27;

  /** 3.6 V. */
  private static final int VCC_3V6 = 0x36;

  /** 3.3 V. */
  private static final int VCC_3V3 = 0x33;

  /**
   * Typical word program 2^4 = 16 us, buffer write 2^8 = 256 us, block erase 2^10 ms, maximum 2^4
   * times that.
   */
  private static final int TYPICAL_WORD_PROGRAM_LOG2_US = 4;

  private static final int TYPICAL_BUFFER_WRITE_LOG2_US = 8;
  private static final int TYPICAL_BLOCK_ERASE_LOG2_MS = 10;
  private static final int MAX_TIMEOUT_LOG2_MULTIPLIER = 4;

  /** Optional feature bits 1, 2 and 5: erase suspend, program suspend, instant block locking. */
  private static final int FEATURE_ERASE_SUSPEND = 1 << 1;

  private static final int FEATURE_PROGRAM_SUSPEND = 1 << 2;
  private static final int FEATURE_INSTANT_INDIVIDUAL_BLOCK_LOCKING = 1 << 5;

  /** Functions supported after suspend, bit 0: program after erase suspend. */
  private static final int AFTER_SUSPEND_PROGRAM = 0x01;

  /** Block status register mask bit 0: block lock-bit status is reported. */
  private static final int BLOCK_STATUS_LOCK_BIT = 0x01;

  /**
   * @return the query bytes, index = query address; addresses past the end read as 0
   */
  static byte[] build(CfiDeviceParameters parameters) {
    byte[] table = new byte[PRIMARY_TABLE + PRI_LENGTH];
    ascii(table, QUERY_UNIQUE_STRING, "QRY");
    le16(table, PRIMARY_COMMAND_SET, CfiQuery.COMMAND_SET_INTEL_EXTENDED);
    le16(table, PRIMARY_EXTENDED_TABLE_ADDRESS, PRIMARY_TABLE);
    le16(table, ALTERNATE_COMMAND_SET, 0);
    le16(table, ALTERNATE_EXTENDED_TABLE_ADDRESS, 0);

    table[VCC_MIN] = VCC_2V7;
    table[VCC_MAX] = VCC_3V6;
    table[VPP_MIN] = 0;
    table[VPP_MAX] = 0;
    boolean buffered = parameters.writeBufferSize() > 0;
    table[TYPICAL_WORD_PROGRAM_TIMEOUT] = TYPICAL_WORD_PROGRAM_LOG2_US;
    table[TYPICAL_BUFFER_WRITE_TIMEOUT] = (byte) (buffered ? TYPICAL_BUFFER_WRITE_LOG2_US : 0);
    table[TYPICAL_BLOCK_ERASE_TIMEOUT] = TYPICAL_BLOCK_ERASE_LOG2_MS;
    table[TYPICAL_CHIP_ERASE_TIMEOUT] = 0;
    table[MAX_WORD_PROGRAM_TIMEOUT] = MAX_TIMEOUT_LOG2_MULTIPLIER;
    table[MAX_BUFFER_WRITE_TIMEOUT] = (byte) (buffered ? MAX_TIMEOUT_LOG2_MULTIPLIER : 0);
    table[MAX_BLOCK_ERASE_TIMEOUT] = MAX_TIMEOUT_LOG2_MULTIPLIER;
    table[MAX_CHIP_ERASE_TIMEOUT] = 0;

    long deviceSize = parameters.size() / parameters.interleave();
    table[DEVICE_SIZE] = (byte) Long.numberOfTrailingZeros(deviceSize);
    le16(table, INTERFACE_DESCRIPTION, parameters.deviceWidth() == 1 ? 0 : 1);
    le16(
        table,
        MAX_WRITE_BUFFER_SIZE,
        buffered ? Integer.numberOfTrailingZeros(parameters.writeBufferSize()) : 0);
    table[ERASE_BLOCK_REGION_COUNT] = 1;
    le16(table, ERASE_BLOCK_REGION_INFO, parameters.blockCount() - 1);
    le16(table, ERASE_BLOCK_REGION_INFO + 2, (int) (parameters.deviceBlockSize() / 256));

    int p = PRIMARY_TABLE;
    ascii(table, p + PRI_UNIQUE_STRING, "PRI");
    table[p + PRI_MAJOR_VERSION] = '1';
    table[p + PRI_MINOR_VERSION] = '0';
    le32(
        table,
        p + PRI_OPTIONAL_FEATURES,
        FEATURE_ERASE_SUSPEND | FEATURE_PROGRAM_SUSPEND | FEATURE_INSTANT_INDIVIDUAL_BLOCK_LOCKING);
    table[p + PRI_AFTER_SUSPEND_FUNCTIONS] = AFTER_SUSPEND_PROGRAM;
    le16(table, p + PRI_BLOCK_STATUS_MASK, BLOCK_STATUS_LOCK_BIT);
    table[p + PRI_VCC_OPTIMUM] = VCC_3V3;
    table[p + PRI_VPP_OPTIMUM] = 0;
    table[p + PRI_PROTECTION_FIELD_COUNT] = 0;
    le16(table, p + PRI_PROTECTION_REGISTER_ADDRESS, 0);
    table[p + PRI_FACTORY_PROTECTION_SIZE] = 0;
    table[p + PRI_USER_PROTECTION_SIZE] = 0;
    return table;
  }

  private static void ascii(byte[] table, int at, String text) {
    for (int i = 0; i < text.length(); i++) {
      table[at + i] = (byte) text.charAt(i);
    }
  }

  private static void le16(byte[] table, int at, int value) {
    table[at] = (byte) value;
    table[at + 1] = (byte) (value >>> 8);
  }

  private static void le32(byte[] table, int at, int value) {
    le16(table, at, value);
    le16(table, at + 2, value >>> 16);
  }
}
