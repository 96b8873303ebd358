package org.flashstack.api.cfi;

/**
 * Addresses of the CFI query table fields (JESD68.01 tables 1-4, Intel AN-646 tables 1-5), in
 * device-word units: the byte address on the bus is {@code offset * bankWidth}. Named after the
 * field; the hex value is the address the specifications print.
 */
public final class CfiQueryOffsets {
  private CfiQueryOffsets() {}

  /** Where a CFI query command is written: 0x55. */
  public static final int QUERY_COMMAND_ADDRESS = 0x55;

  /** 0x10-0x12: the query-unique ASCII string "QRY". */
  public static final int QUERY_UNIQUE_STRING = 0x10;

  /** 0x13-0x14: primary vendor command set and control interface ID. */
  public static final int PRIMARY_COMMAND_SET = 0x13;

  /** 0x15-0x16: address of the primary algorithm extended query table (P). */
  public static final int PRIMARY_EXTENDED_TABLE_ADDRESS = 0x15;

  /** 0x17-0x18: alternate vendor command set ID (0 if none). */
  public static final int ALTERNATE_COMMAND_SET = 0x17;

  /** 0x19-0x1a: address of the alternate extended query table (0 if none). */
  public static final int ALTERNATE_EXTENDED_TABLE_ADDRESS = 0x19;

  /** 0x1b: Vcc logic supply minimum program/erase voltage (bits 7-4 volts, 3-0 tenths, BCD). */
  public static final int VCC_MIN = 0x1b;

  /** 0x1c: Vcc logic supply maximum program/erase voltage. */
  public static final int VCC_MAX = 0x1c;

  /** 0x1d: Vpp supply minimum program/erase voltage (0 if no Vpp pin). */
  public static final int VPP_MIN = 0x1d;

  /** 0x1e: Vpp supply maximum program/erase voltage. */
  public static final int VPP_MAX = 0x1e;

  /** 0x1f: typical single word program timeout, 2^n us. */
  public static final int TYPICAL_WORD_PROGRAM_TIMEOUT = 0x1f;

  /** 0x20: typical full buffer write timeout, 2^n us (0 if not supported). */
  public static final int TYPICAL_BUFFER_WRITE_TIMEOUT = 0x20;

  /** 0x21: typical single block erase timeout, 2^n ms. */
  public static final int TYPICAL_BLOCK_ERASE_TIMEOUT = 0x21;

  /** 0x22: typical full chip erase timeout, 2^n ms (0 if not supported). */
  public static final int TYPICAL_CHIP_ERASE_TIMEOUT = 0x22;

  /** 0x23: maximum word program timeout, 2^n times typical. */
  public static final int MAX_WORD_PROGRAM_TIMEOUT = 0x23;

  /** 0x24: maximum buffer write timeout, 2^n times typical. */
  public static final int MAX_BUFFER_WRITE_TIMEOUT = 0x24;

  /** 0x25: maximum block erase timeout, 2^n times typical. */
  public static final int MAX_BLOCK_ERASE_TIMEOUT = 0x25;

  /** 0x26: maximum chip erase timeout, 2^n times typical. */
  public static final int MAX_CHIP_ERASE_TIMEOUT = 0x26;

  /** 0x27: device size, 2^n bytes. */
  public static final int DEVICE_SIZE = 0x27;

  /** 0x28-0x29: flash device interface code description. */
  public static final int INTERFACE_DESCRIPTION = 0x28;

  /** 0x2a-0x2b: maximum number of bytes in a multi-byte (buffer) write, 2^n. */
  public static final int MAX_WRITE_BUFFER_SIZE = 0x2a;

  /** 0x2c: number of erase block regions. */
  public static final int ERASE_BLOCK_REGION_COUNT = 0x2c;

  /**
   * 0x2d: first erase block region information, four bytes a region: number of blocks minus one (16
   * bits), block size in units of 256 bytes (16 bits).
   */
  public static final int ERASE_BLOCK_REGION_INFO = 0x2d;

  /** Bytes of one erase block region information entry. */
  public static final int ERASE_BLOCK_REGION_INFO_SIZE = 4;

  /** P+0x00-0x02: the primary extended table's ASCII string "PRI". */
  public static final int PRI_UNIQUE_STRING = 0x00;

  /** P+0x03: major version number, ASCII. */
  public static final int PRI_MAJOR_VERSION = 0x03;

  /** P+0x04: minor version number, ASCII. */
  public static final int PRI_MINOR_VERSION = 0x04;

  /** P+0x05-0x08: optional feature and command support (32 bits). */
  public static final int PRI_OPTIONAL_FEATURES = 0x05;

  /** P+0x09: supported functions after suspend. */
  public static final int PRI_AFTER_SUSPEND_FUNCTIONS = 0x09;

  /** P+0x0a-0x0b: block status register mask. */
  public static final int PRI_BLOCK_STATUS_MASK = 0x0a;

  /** P+0x0c: Vcc logic supply optimum program/erase voltage (BCD). */
  public static final int PRI_VCC_OPTIMUM = 0x0c;

  /** P+0x0d: Vpp supply optimum program/erase voltage (BCD). */
  public static final int PRI_VPP_OPTIMUM = 0x0d;

  /** P+0x0e: number of protection register fields (the Linux driver reads these too). */
  public static final int PRI_PROTECTION_FIELD_COUNT = 0x0e;

  /** P+0x0f-0x10: protection field 1: lock bytes address. */
  public static final int PRI_PROTECTION_REGISTER_ADDRESS = 0x0f;

  /** P+0x11: protection field 1: factory pre-programmed bytes, 2^n. */
  public static final int PRI_FACTORY_PROTECTION_SIZE = 0x11;

  /** P+0x12: protection field 1: user programmable bytes, 2^n. */
  public static final int PRI_USER_PROTECTION_SIZE = 0x12;

  /** Length of a version 1.0 primary extended table with one protection field. */
  public static final int PRI_LENGTH = 0x13;
}
