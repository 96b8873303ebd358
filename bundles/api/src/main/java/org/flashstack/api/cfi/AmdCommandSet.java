package org.flashstack.api.cfi;

/**
 * The AMD/Fujitsu standard command set (CFI ID 0x0002; JEP137B, the Am29LV and S29GL datasheets):
 * command addresses, command codes and the data-line status bits, named as the datasheets name
 * them. Command addresses are device word addresses; in byte mode an x8/x16 part takes them doubled
 * (0xAAA, 0x555), its A-1 being the lowest address line.
 */
public final class AmdCommandSet {
  private AmdCommandSet() {}

  /** 0x555: the address of the first and third unlock cycles. */
  public static final int UNLOCK1_ADDRESS = 0x555;

  /** 0x2AA: the address of the second unlock cycle. */
  public static final int UNLOCK2_ADDRESS = 0x2AA;

  /** 0xAA: the first unlock cycle's data. */
  public static final int UNLOCK1_DATA = 0xAA;

  /** 0x55: the second unlock cycle's data. */
  public static final int UNLOCK2_DATA = 0x55;

  /** 0xF0: Reset (back to reading the array). */
  public static final int RESET = 0xF0;

  /** 0x98: CFI Query entry (at word address 0x55). */
  public static final int CFI_QUERY = 0x98;

  /** 0x55: the word address of the CFI Query entry. */
  public static final int CFI_QUERY_ADDRESS = 0x55;

  /** 0x90: Autoselect (after the unlock cycles); also the first cycle of a command-set exit. */
  public static final int AUTOSELECT = 0x90;

  /** 0xA0: Program (after the unlock cycles, or alone in unlock bypass). */
  public static final int PROGRAM = 0xA0;

  /** 0x80: Erase setup. */
  public static final int ERASE_SETUP = 0x80;

  /** 0x30: Sector Erase (at the sector, after a second unlock); also Erase/Program Resume. */
  public static final int SECTOR_ERASE = 0x30;

  /** 0x10: Chip Erase (at 0x555, after a second unlock). */
  public static final int CHIP_ERASE = 0x10;

  /** 0xB0: Erase/Program Suspend. */
  public static final int SUSPEND = 0xB0;

  /** 0x30: Erase/Program Resume. */
  public static final int RESUME = 0x30;

  /** 0x25: Write to Buffer (at the sector). */
  public static final int WRITE_TO_BUFFER = 0x25;

  /** 0x29: Program Buffer to Flash (at the sector). */
  public static final int PROGRAM_BUFFER_TO_FLASH = 0x29;

  /** 0x20: Unlock Bypass entry. */
  public static final int UNLOCK_BYPASS = 0x20;

  /** 0xC0: Persistent Protection Bit (PPB) command set entry. */
  public static final int PPB_ENTRY = 0xC0;

  /** 0x50: PPB Lock bit command set entry. */
  public static final int PPB_LOCK_ENTRY = 0x50;

  /** 0xE0: Dynamic Protection Bit (DYB) command set entry. */
  public static final int DYB_ENTRY = 0xE0;

  /** 0x00: the second cycle of a command-set exit; in the DYB set, "protect". */
  public static final int COMMAND_SET_EXIT = 0x00;

  /** 0x00: the data of a PPB program or a PPB lock (after A0). */
  public static final int PPB_PROGRAM_DATA = 0x00;

  /** 0x30: PPB erase, every PPB of the device (after 80, at sector 0). */
  public static final int PPB_ERASE_ALL = 0x30;

  /** 0x00: DYB set (protect the sector). */
  public static final int DYB_SET = 0x00;

  /** 0x01: DYB clear (unprotect the sector). */
  public static final int DYB_CLEAR = 0x01;

  /** Autoselect word address of the manufacturer ID. */
  public static final int AUTOSELECT_MANUFACTURER = 0x00;

  /** Autoselect word address of the device ID. */
  public static final int AUTOSELECT_DEVICE = 0x01;

  /** Autoselect word address (in a sector) of its protection status: 1 protected. */
  public static final int AUTOSELECT_SECTOR_PROTECTION = 0x02;

  /** Autoselect word addresses of the second and third device ID words (S29GL). */
  public static final int AUTOSELECT_DEVICE_2 = 0x0E;

  public static final int AUTOSELECT_DEVICE_3 = 0x0F;

  /** The device ID that says "two more ID words follow" (S29GL and other MirrorBit parts). */
  public static final int EXTENDED_DEVICE_ID = 0x7E;

  /** DQ7: Data# Polling: the complement of bit 7 of the data being programmed, 0 in an erase. */
  public static final int DQ7_DATA_POLLING = 1 << 7;

  /** DQ6: Toggle Bit I: toggles at every read while the device is busy. */
  public static final int DQ6_TOGGLE = 1 << 6;

  /** DQ5: Exceeded Timing Limits: the operation failed; only Reset leaves it. */
  public static final int DQ5_EXCEEDED_TIMING_LIMITS = 1 << 5;

  /** DQ3: Sector Erase Timer: set once the erase window closed and the erase began. */
  public static final int DQ3_SECTOR_ERASE_TIMER = 1 << 3;

  /** DQ2: Toggle Bit II: toggles on reads of a sector being erased (or erase-suspended). */
  public static final int DQ2_TOGGLE = 1 << 2;

  /** DQ1: Write-to-Buffer Abort. */
  public static final int DQ1_WRITE_BUFFER_ABORT = 1 << 1;

  /** Offsets in the AMD primary extended query table ("PRI"), from its start. */
  public static final int PRI_ERASE_SUSPEND = 0x06;

  /** PRI: sector protect (sectors per group, 0 none). */
  public static final int PRI_SECTOR_PROTECT = 0x07;

  /** PRI: sector protection scheme (8: advanced sector protection, PPB and DYB). */
  public static final int PRI_PROTECTION_SCHEME = 0x09;

  /** PRI version 1.1 on: top/bottom boot flag (2 bottom, 3 top, 4/5 uniform). */
  public static final int PRI_BOOT_FLAG = 0x0F;

  /** PRI version 1.3 on: program suspend (1 supported). */
  public static final int PRI_PROGRAM_SUSPEND = 0x10;

  /** The protection scheme code of advanced sector protection. */
  public static final int PROTECTION_SCHEME_ADVANCED = 0x08;

  /** Boot flag: top boot (the small sectors at the top; AMD lists their regions first). */
  public static final int BOOT_FLAG_TOP = 0x03;
}
