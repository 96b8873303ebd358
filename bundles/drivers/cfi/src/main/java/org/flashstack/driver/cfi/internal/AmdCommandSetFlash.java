package org.flashstack.driver.cfi.internal;

import static org.flashstack.api.cfi.AmdCommandSet.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.clock.Deadline;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.FlashArguments;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioClaim;

/**
 * A {@link org.flashstack.api.flash.FlashDevice} for devices of the AMD/Fujitsu standard command
 * set (0x0002), driven only through the driver's claim on their MMIO window: unlock cycles at the
 * command addresses of the layout the probe found (word or byte mode), write-to-buffer program
 * where the part has a buffer and word program otherwise, sector erase, completion by DQ6 toggle
 * and the data read back, DQ5 (exceeded timing limits) and DQ1 (write-buffer abort) mapped to
 * {@link FlashError}s with the resets they need, and, on parts with advanced sector protection,
 * lock and unlock by the dynamic protection bits (DYB) and lock status by autoselect.
 *
 * <p>The erase block regions are the query table's, in address order: a top-boot part whose primary
 * extended table says so (boot flag 3; before version 1.1, a device ID with bit 7 set, as Linux
 * reads it) lists its regions bottom-boot first, and they are turned around.
 */
final class AmdCommandSetFlash extends CommandSetFlash {

  /** Reads after DQ5 before a still-toggling device is judged failed (the datasheets say two). */
  private static final int DQ5_CONFIRMING_READS = 2;

  private final boolean advancedProtection;
  private final Timing chipErase;

  AmdCommandSetFlash(MmioClaim claim, CfiProbe.Result probe, EmulatedClock clock)
      throws FlashException {
    super(claim, probe, clock, regionsByAddress(probe));
    int commandSet = query.primaryCommandSet();
    if (commandSet != CfiQuery.COMMAND_SET_AMD_STANDARD) {
      throw notDriven(name, commandSet, "AMD/Fujitsu 0x0002 is");
    }
    this.advancedProtection =
        primaryByte(query, PRI_PROTECTION_SCHEME) == PROTECTION_SCHEME_ADVANCED;
    this.chipErase =
        Timing.of(
            Math.max(query.typicalChipEraseMillis(), query.typicalBlockEraseMillis()),
            Math.max(query.maxChipEraseMillis(), query.maxBlockEraseMillis()),
            TimeUnit.MILLISECONDS);
  }

  /** The device's regions in address order. */
  static List<CfiQuery.Region> regionsByAddress(CfiProbe.Result probe) {
    CfiQuery query = probe.query();
    List<CfiQuery.Region> regions = new ArrayList<>(query.eraseRegions());
    if (regions.size() > 1 && isTopBoot(query, probe.identity().deviceId())) {
      Collections.reverse(regions);
    }
    return regions;
  }

  /**
   * @return whether the part is top boot: its PRI boot flag from version 1.1 on, else bit 7 of its
   *     device ID
   */
  static boolean isTopBoot(CfiQuery query, int deviceId) {
    int p = query.primaryTableAddress();
    byte[] raw = query.raw();
    if (p <= 0 || p + PRI_BOOT_FLAG >= raw.length || raw[p] != 'P' || raw[p + 1] != 'R') {
      return false;
    }
    int version = (raw[p + 3] - '0') * 10 + (raw[p + 4] - '0');
    if (version >= 11) {
      return (raw[p + PRI_BOOT_FLAG] & 0xff) == BOOT_FLAG_TOP;
    }
    return (deviceId & 0x80) != 0;
  }

  /**
   * @return byte {@code offset} of the primary extended table, 0 where there is none
   */
  static int primaryByte(CfiQuery query, int offset) {
    int p = query.primaryTableAddress();
    byte[] raw = query.raw();
    return p > 0 && p + offset < raw.length && raw[p] == 'P' ? raw[p + offset] & 0xff : 0;
  }

  // ---- command cycles

  private void unlock(MmioBus bus) {
    CfiProbe.unlock(bus, layout);
  }

  /** A command at device word address {@code wordAddress} on every lane. */
  private void command(MmioBus bus, int wordAddress, int command) {
    layout.command(bus, layout.busAddress(wordAddress), command);
  }

  @Override
  void wordProgram(MmioBus bus, long address, byte[] data) throws FlashException {
    long value = layout.busValue(data, 0);
    unlock(bus);
    command(bus, UNLOCK1_ADDRESS, PROGRAM);
    bus.write(address, layout.bankWidth(), value);
    waitFor(bus, address, value, wordProgram, "program");
  }

  @Override
  void bufferedProgram(MmioBus bus, long chunk, byte[] data) throws FlashException {
    int width = layout.bankWidth();
    int words = data.length / width;
    unlock(bus);
    layout.command(bus, chunk, WRITE_TO_BUFFER);
    bus.write(chunk, width, layout.onEveryLane(words - 1));
    long last = chunk;
    long lastValue = 0;
    for (int word = 0; word < words; word++) {
      last = chunk + (long) word * width;
      lastValue = layout.busValue(data, word * width);
      bus.write(last, width, lastValue);
    }
    layout.command(bus, chunk, PROGRAM_BUFFER_TO_FLASH);
    waitFor(bus, last, lastValue, bufferProgram, "program");
  }

  @Override
  void eraseBlock(MmioBus bus, long block) throws FlashException {
    unlock(bus);
    command(bus, UNLOCK1_ADDRESS, ERASE_SETUP);
    unlock(bus);
    layout.command(bus, block, SECTOR_ERASE);
    waitFor(bus, block, layout.onEveryLane(0xffff), blockErase, "erase");
  }

  /**
   * Waits until no device toggles DQ6 at {@code address} any more, then checks that it reads {@code
   * expected}. A device still toggling with DQ5 set failed (reset, DEVICE_FAULT); DQ1 is a
   * write-buffer abort (its reset, DEVICE_FAULT); data that did not arrive is a protected sector
   * (PROTECTED) or failing cells (DEVICE_FAULT); past the query table's maximum time, TIMEOUT.
   */
  private void waitFor(MmioBus bus, long address, long expected, Timing timing, String operation)
      throws FlashException {
    int width = layout.bankWidth();
    Deadline deadline = Deadline.after(clock, timing.timeoutNanos());
    int dq5Reads = 0;
    while (true) {
      // the time first: reads after the limit decide, however long this thread was away
      boolean late = deadline.passed();
      long first = bus.read(address, width);
      long second = bus.read(address, width);
      int toggling = 0;
      int flags = 0;
      for (int lane = 0; lane < layout.interleave(); lane++) {
        if (((layout.lane(first, lane) ^ layout.lane(second, lane)) & DQ6_TOGGLE) != 0) {
          toggling++;
          flags |= layout.lane(second, lane);
        }
      }
      if (toggling == 0) {
        if (second != expected) {
          throw notTaken(bus, address, operation, second, expected);
        }
        return;
      }
      if ((flags & DQ1_WRITE_BUFFER_ABORT) != 0) {
        CfiProbe.amdReset(bus, layout);
        throw new FlashException(
            FlashError.DEVICE_FAULT,
            name,
            operation,
            address,
            "write-buffer program aborted (DQ1): the device took the sequence as out of place");
      }
      if ((flags & DQ5_EXCEEDED_TIMING_LIMITS) != 0 && ++dq5Reads > DQ5_CONFIRMING_READS) {
        layout.command(bus, 0, RESET);
        throw new FlashException(
            FlashError.DEVICE_FAULT,
            name,
            operation,
            address,
            String.format(
                "the %s failed: DQ5 (exceeded timing limits) in block %d; the cells may be worn"
                    + " or not erased",
                operation, geometry.blockIndex(address)));
      }
      if (late) {
        throw new FlashException(
            FlashError.TIMEOUT,
            name,
            operation,
            address,
            String.format(
                "the device was still busy (DQ6 toggling) after %d ms",
                TimeUnit.NANOSECONDS.toMillis(timing.timeoutNanos())));
      }
      if (operation.equals("erase")) {
        serveReadsDuringErase(bus, address);
      }
      clock.pause(Math.min(timing.pollIntervalNanos(), deadline.remaining() + 1));
    }
  }

  private FlashException notTaken(
      MmioBus bus, long address, String operation, long found, long expected) {
    int block = geometry.blockIndex(address);
    if (sectorProtected(bus, geometry.blockStart(address))) {
      return new FlashException(
          FlashError.PROTECTED,
          name,
          operation,
          address,
          "block " + block + " is protected; unlock it first (flash:unlock)");
    }
    return new FlashException(
        FlashError.DEVICE_FAULT,
        name,
        operation,
        address,
        String.format(
            "the device ignored or failed the %s: read 0x%x, expected 0x%x (write-protected by"
                + " hardware, or failing cells)",
            operation, found, expected));
  }

  /** The primary extended table's erase suspend field: 1 (to read) or 2 (to read and write). */
  @Override
  boolean eraseSuspend() {
    return primaryByte(query, PRI_ERASE_SUSPEND) != 0;
  }

  /**
   * Erase Suspend (B0), then waits until DQ6 stops toggling outside the sector; suspended if DQ2
   * still toggles in the sector (an erase that ended reads steady data there).
   */
  @Override
  boolean suspendErase(MmioBus bus, long block) throws FlashException {
    layout.command(bus, block, SUSPEND);
    long elsewhere = block == 0 ? geometry.blockSizeAt(0) : 0;
    Deadline deadline = Deadline.after(clock, wordProgram.timeoutNanos());
    while (CfiProbe.toggles(bus, layout, elsewhere, DQ6_TOGGLE)) {
      if (deadline.passed()) {
        throw new FlashException(
            FlashError.TIMEOUT, name, "erase suspend", block, "the erase did not suspend");
      }
      clock.pause(wordProgram.pollIntervalNanos());
    }
    return CfiProbe.toggles(bus, layout, block, DQ2_TOGGLE);
  }

  /** Erase Resume (30) at the sector. */
  @Override
  void resumeErase(MmioBus bus, long block) {
    layout.command(bus, block, RESUME);
  }

  @Override
  void establishKnownState(MmioBus bus, String operation, long address) throws FlashException {
    CfiProbe.amdReset(bus, layout);
    Deadline deadline = Deadline.after(clock, chipErase.timeoutNanos());
    while (CfiProbe.toggles(bus, layout)) {
      if (deadline.passed()) {
        throw new FlashException(
            FlashError.TIMEOUT,
            name,
            operation,
            address,
            "the device stayed busy with an operation started before this one");
      }
      clock.pause(Math.min(blockErase.pollIntervalNanos(), deadline.remaining() + 1));
    }
    CfiProbe.amdReset(bus, layout);
  }

  @Override
  void returnToReadArray(MmioBus bus) {
    layout.command(bus, 0, RESET);
  }

  // ---- sector protection

  private boolean sectorProtected(MmioBus bus, long block) {
    unlock(bus);
    command(bus, UNLOCK1_ADDRESS, AUTOSELECT);
    long value =
        bus.read(block + layout.busAddress(AUTOSELECT_SECTOR_PROTECTION), layout.bankWidth());
    layout.command(bus, 0, RESET);
    for (int lane = 0; lane < layout.interleave(); lane++) {
      if ((layout.lane(value, lane) & 1) != 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean isLocked(long address) throws FlashException {
    FlashArguments.checkRange(name, "lock status", address, 1, geometry.size());
    long block = geometry.blockStart(address);
    return onDevice("lock status", address, bus -> sectorProtected(bus, block));
  }

  @Override
  public void lock(long address, long length) throws FlashException {
    setDynamicProtection("lock", address, length, DYB_SET);
  }

  @Override
  public void unlock(long address, long length) throws FlashException {
    setDynamicProtection("unlock", address, length, DYB_CLEAR);
  }

  private void setDynamicProtection(String operation, long address, long length, int bit)
      throws FlashException {
    if (!advancedProtection) {
      throw new FlashException(
          FlashError.NOT_SUPPORTED,
          name,
          operation,
          address,
          "the part has no dynamic sector protection (its protection is set by a programmer)");
    }
    onEachBlock(
        operation,
        address,
        length,
        (bus, block) -> {
          unlock(bus);
          command(bus, UNLOCK1_ADDRESS, DYB_ENTRY);
          layout.command(bus, 0, PROGRAM);
          layout.command(bus, block, bit);
          layout.command(bus, 0, AUTOSELECT);
          layout.command(bus, 0, COMMAND_SET_EXIT);
          if (bit == DYB_CLEAR && sectorProtected(bus, block)) {
            throw new FlashException(
                FlashError.PROTECTED,
                name,
                operation,
                block,
                "block "
                    + geometry.blockIndex(block)
                    + " stays protected by its persistent protection bit (PPB), which only"
                    + " a PPB erase of the whole device clears");
          }
        });
  }
}
