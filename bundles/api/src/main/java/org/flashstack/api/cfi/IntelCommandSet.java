package org.flashstack.api.cfi;

/**
 * The Intel/Sharp extended command set (CFI ID 0x0001; JEP137B, Intel AN-646): command codes and
 * status register bits, named as the specifications name them.
 */
public final class IntelCommandSet {
  private IntelCommandSet() {}

  /** 0xff: Read Array. */
  public static final int READ_ARRAY = 0xff;

  /** 0x90: Read Identifier (JEDEC manufacturer/device ID, block lock status). */
  public static final int READ_IDENTIFIER = 0x90;

  /** 0x98: Read Query (CFI). */
  public static final int READ_QUERY = 0x98;

  /** 0x70: Read Status Register. */
  public static final int READ_STATUS_REGISTER = 0x70;

  /** 0x50: Clear Status Register. */
  public static final int CLEAR_STATUS_REGISTER = 0x50;

  /** 0x40: Word Program setup. */
  public static final int WORD_PROGRAM = 0x40;

  /** 0x10: Word Program setup, alternate code. */
  public static final int ALTERNATE_WORD_PROGRAM = 0x10;

  /** 0xe8: Buffered Program (write to buffer) setup. */
  public static final int BUFFERED_PROGRAM = 0xe8;

  /** 0x20: Block Erase setup. */
  public static final int BLOCK_ERASE = 0x20;

  /** 0x60: Block Lock setup (followed by {@link #LOCK_BLOCK} or {@link #UNLOCK_BLOCK}). */
  public static final int BLOCK_LOCK_SETUP = 0x60;

  /** 0x01: Lock Block (second cycle after {@link #BLOCK_LOCK_SETUP}). */
  public static final int LOCK_BLOCK = 0x01;

  /**
   * 0xd0: Confirm. One code with four meanings by context: buffered program confirm, block erase
   * confirm, unlock block (after {@link #BLOCK_LOCK_SETUP}), and program/erase resume.
   */
  public static final int CONFIRM = 0xd0;

  /** 0xd0 after {@link #BLOCK_LOCK_SETUP}: Unlock Block. */
  public static final int UNLOCK_BLOCK = CONFIRM;

  /** 0xb0: Program/Erase Suspend. */
  public static final int SUSPEND = 0xb0;

  /**
   * 0x2f: Lock-Down Block (after Block Lock setup): locked until reset, unlockable only with WP#
   * high.
   */
  public static final int LOCK_DOWN_BLOCK = 0x2f;

  /** 0x03: Set Read Configuration Register (after 0x60; the value on the address lines). */
  public static final int SET_READ_CONFIGURATION_REGISTER = 0x03;

  /** 0xc0: Protection Register Program setup (OTP). */
  public static final int PROTECTION_REGISTER_PROGRAM = 0xc0;

  /** 0xd0: Resume a suspended program or erase. */
  public static final int RESUME = CONFIRM;

  /** Read Identifier word address of the Read Configuration Register. */
  public static final int IDENTIFIER_READ_CONFIGURATION = 0x05;

  /** Read Identifier word address of the protection register lock word (bit 0 factory, 1 user). */
  public static final int PROTECTION_REGISTER_LOCK = 0x80;

  /** 0xf0: the AMD reset command; CFI probes send it, Intel parts treat it as Read Array here. */
  public static final int AMD_RESET = 0xf0;

  /** Identifier address (device words from a block base) of the manufacturer code. */
  public static final int IDENTIFIER_MANUFACTURER = 0x00;

  /** Identifier address of the device code. */
  public static final int IDENTIFIER_DEVICE = 0x01;

  /** Identifier address (from a block base) of that block's lock configuration. */
  public static final int IDENTIFIER_BLOCK_LOCK = 0x02;

  /** Block lock configuration bit: the block is locked. */
  public static final int BLOCK_LOCKED = 0x01;

  /** Block lock configuration bit: the block is locked down. */
  public static final int BLOCK_LOCKED_DOWN = 0x02;

  /** SR.7 Device Write Status: 1 = ready, 0 = busy. */
  public static final int SR7_READY = 0x80;

  /** SR.6 Erase Suspend Status: 1 = an erase is suspended. */
  public static final int SR6_ERASE_SUSPENDED = 0x40;

  /** SR.5 Erase and Clear Lock-Bits Status: 1 = erase error (with SR.4: command sequence error). */
  public static final int SR5_ERASE_ERROR = 0x20;

  /**
   * SR.4 Program and Set Lock-Bit Status: 1 = program error (with SR.5: command sequence error).
   */
  public static final int SR4_PROGRAM_ERROR = 0x10;

  /** SR.3 Vpp Status: 1 = programming voltage low or absent, operation aborted. */
  public static final int SR3_VPP_LOW = 0x08;

  /** SR.2 Program Suspend Status: 1 = a program is suspended. */
  public static final int SR2_PROGRAM_SUSPENDED = 0x04;

  /** SR.1 Block Lock Status: 1 = the target block is locked, operation aborted. */
  public static final int SR1_BLOCK_LOCKED = 0x02;

  /** SR.5 and SR.4 together: improper command sequence. */
  public static final int COMMAND_SEQUENCE_ERROR = SR5_ERASE_ERROR | SR4_PROGRAM_ERROR;

  /** The bits Clear Status Register clears. */
  public static final int ERROR_BITS =
      SR5_ERASE_ERROR | SR4_PROGRAM_ERROR | SR3_VPP_LOW | SR1_BLOCK_LOCKED;
}
