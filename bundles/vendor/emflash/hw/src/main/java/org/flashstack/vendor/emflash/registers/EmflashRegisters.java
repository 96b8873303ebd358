package org.flashstack.vendor.emflash.registers;

import java.util.List;
import org.flashstack.api.flash.EraseRegion;

/**
 * The emflash controller's bus map, registers and bits, as RM0090 names them: the main memory array
 * at {@link #ARRAY_BASE}, the FLASH interface registers at {@link #FLASH_BASE}, the flash size word
 * in system memory, and the MCU device ID.
 */
public final class EmflashRegisters {
  private EmflashRegisters() {}

  /** The main memory (sectors 0 to 11) on the bus. */
  public static final long ARRAY_BASE = 0x0800_0000L;

  /** The FLASH interface registers on the bus. */
  public static final long FLASH_BASE = 0x4002_3C00L;

  /** FLASH_ACR: access control (latency, caches). */
  public static final long FLASH_ACR = FLASH_BASE;

  /** FLASH_KEYR: the unlock keys of FLASH_CR. */
  public static final long FLASH_KEYR = FLASH_BASE + 0x04;

  /** FLASH_OPTKEYR: the unlock keys of FLASH_OPTCR. */
  public static final long FLASH_OPTKEYR = FLASH_BASE + 0x08;

  /** FLASH_SR: status. */
  public static final long FLASH_SR = FLASH_BASE + 0x0c;

  /** FLASH_CR: control. */
  public static final long FLASH_CR = FLASH_BASE + 0x10;

  /** FLASH_OPTCR: option control (write protection per sector, read protection level). */
  public static final long FLASH_OPTCR = FLASH_BASE + 0x14;

  /** The flash size in KiB, a 16-bit word in system memory (F_SIZE). */
  public static final long F_SIZE = 0x1fff_7a22L;

  /** DBGMCU_IDCODE: DEV_ID in bits 11:0, REV_ID in 31:16. */
  public static final long DBGMCU_IDCODE = 0xe004_2000L;

  /** The last address the bus decodes, plus one. */
  public static final long BUS_SIZE = DBGMCU_IDCODE + 4;

  /** FLASH_KEYR first key. */
  public static final int KEY1 = 0x4567_0123;

  /** FLASH_KEYR second key. */
  public static final int KEY2 = 0xcdef_89ab;

  /** FLASH_OPTKEYR first key. */
  public static final int OPTKEY1 = 0x0819_2a3b;

  /** FLASH_OPTKEYR second key. */
  public static final int OPTKEY2 = 0x4c5d_6e7f;

  // FLASH_SR bits
  /** End of operation (set only with EOPIE); write 1 to clear. */
  public static final int SR_EOP = 1;

  /** Operation error (set only with ERRIE). */
  public static final int SR_OPERR = 1 << 1;

  /** Write protection error: the sector is write protected. */
  public static final int SR_WRPERR = 1 << 4;

  /** Programming alignment error: the write is not aligned to its size. */
  public static final int SR_PGAERR = 1 << 5;

  /** Programming parallelism error: the write's size is not PSIZE. */
  public static final int SR_PGPERR = 1 << 6;

  /** Programming sequence error: a write to the array without PG, or a bad erase request. */
  public static final int SR_PGSERR = 1 << 7;

  /** Busy: a program or erase is in progress. */
  public static final int SR_BSY = 1 << 16;

  /** The error bits, cleared by writing 1. */
  public static final int SR_ERRORS = SR_OPERR | SR_WRPERR | SR_PGAERR | SR_PGPERR | SR_PGSERR;

  // FLASH_CR bits
  /** Programming. */
  public static final int CR_PG = 1;

  /** Sector erase. */
  public static final int CR_SER = 1 << 1;

  /** Mass erase. */
  public static final int CR_MER = 1 << 2;

  /** Sector number, bits 6:3. */
  public static final int CR_SNB_SHIFT = 3;

  /** The SNB field. */
  public static final int CR_SNB_MASK = 0xf << CR_SNB_SHIFT;

  /** Program size, bits 9:8: x8, x16, x32, x64. */
  public static final int CR_PSIZE_SHIFT = 8;

  /** The PSIZE field. */
  public static final int CR_PSIZE_MASK = 3 << CR_PSIZE_SHIFT;

  /** PSIZE x8. */
  public static final int PSIZE_X8 = 0;

  /** PSIZE x16. */
  public static final int PSIZE_X16 = 1;

  /** PSIZE x32. */
  public static final int PSIZE_X32 = 2;

  /** PSIZE x64. */
  public static final int PSIZE_X64 = 3;

  /** Start an erase. */
  public static final int CR_STRT = 1 << 16;

  /** End of operation interrupt enable. */
  public static final int CR_EOPIE = 1 << 24;

  /** Error interrupt enable. */
  public static final int CR_ERRIE = 1 << 25;

  /** FLASH_CR is locked (set by software, cleared by the key sequence). */
  public static final int CR_LOCK = 1 << 31;

  // FLASH_OPTCR bits
  /** FLASH_OPTCR is locked. */
  public static final int OPTCR_OPTLOCK = 1;

  /** Start writing the option bytes. */
  public static final int OPTCR_OPTSTRT = 1 << 1;

  /** nWRP, bits 27:16: a 0 write-protects the sector. */
  public static final int OPTCR_NWRP_SHIFT = 16;

  /** The nWRP field. */
  public static final int OPTCR_NWRP_MASK = 0xfff << OPTCR_NWRP_SHIFT;

  /** FLASH_OPTCR's value as the parts ship (RDP level 0, no sector write-protected, locked). */
  public static final int OPTCR_RESET = 0x0fff_aaed;

  /** DEV_ID of the STM32F405/407/415/417 line. */
  public static final int DEV_ID_F40X = 0x413;

  /**
   * The sector layout of a single-bank part: four of 16 KiB, one of 64 KiB, then 128 KiB ones.
   *
   * @param sizeKib 512 or 1024
   * @throws IllegalArgumentException for another size
   */
  public static List<EraseRegion> sectors(int sizeKib) {
    if (sizeKib != 512 && sizeKib != 1024) {
      throw new IllegalArgumentException(
          "emflash parts have 512 or 1024 KiB of main memory, not " + sizeKib);
    }
    return List.of(
        new EraseRegion(0, 16 << 10, 4),
        new EraseRegion(64 << 10, 64 << 10, 1),
        new EraseRegion(128 << 10, 128 << 10, (sizeKib - 128) / 128));
  }
}
