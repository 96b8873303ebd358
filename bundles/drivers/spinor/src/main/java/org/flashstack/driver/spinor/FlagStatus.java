package org.flashstack.driver.spinor;

import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;

/**
 * Micron's flag status register (READ FLAG STATUS REGISTER 70h, CLEAR FLAG STATUS REGISTER 50h),
 * which says why a program or erase did not take: a protection refusal (bit 1) or a failure of the
 * cells (bit 4 program, bit 5 erase). The driver reads it when a page or block reads back wrong, to
 * report the one as {@code PROTECTED} and the other as {@code DEVICE_FAULT}; other makers' parts
 * have no such register every family shares, and keep the read-back's verdict.
 */
final class FlagStatus {

  static final int MICRON = 0x20;
  static final int READ_FLAG_STATUS = 0x70;
  static final int CLEAR_FLAG_STATUS = 0x50;
  static final int PROTECTION = 1 << 1;
  static final int PROGRAM = 1 << 4;
  static final int ERASE = 1 << 5;

  private FlagStatus() {}

  /**
   * Where the part has a flag status register and it reports a failure of the cells, clears it and
   * throws {@code DEVICE_FAULT}; otherwise returns, for the caller's own verdict.
   */
  static void failure(
      SpiNorBus bus, int manufacturer, String operation, long address, boolean erase)
      throws FlashException {
    if (manufacturer != MICRON) {
      return;
    }
    int flags = bus.register(operation, READ_FLAG_STATUS);
    int failed = erase ? ERASE : PROGRAM;
    if ((flags & failed) == 0 || (flags & PROTECTION) != 0) {
      return;
    }
    bus.command(operation, CLEAR_FLAG_STATUS);
    throw new FlashException(
        FlashError.DEVICE_FAULT,
        bus.name(),
        operation,
        address,
        String.format(
            "the %s failed in the cells: flag status 0x%02x (bit %d, %s failure), cleared with 50h",
            erase ? "erase" : "program", flags, erase ? 5 : 4, erase ? "erase" : "program"));
  }
}
