package org.flashstack.driver.cfi.internal;

import static org.flashstack.api.cfi.IntelCommandSet.*;

import java.util.concurrent.TimeUnit;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.clock.Deadline;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.FlashArguments;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioClaim;

/**
 * A {@link FlashDevice} for devices of the Intel/Sharp command sets (0x0001, 0x0003), driven only
 * through the driver's claim on their MMIO window: Read Array for reads, Buffered Program where the
 * device has a write buffer and Word Program otherwise, Block Erase, Block Lock and Unlock, lock
 * status from Read Identifier, status polling on the system clock within the query table's maximum
 * times, and status bits mapped to {@link FlashError}s.
 *
 * <p>Every operation holds the device exclusively, checks its arguments before the first bus
 * access, and leaves the device in Read Array mode with a clear status register. The first
 * operation after the attach, a power loss or a failed operation first brings the device to a known
 * state, whatever was left half-issued. It never unlocks a block by itself.
 *
 * <p>On parts with the legacy lock scheme (optional feature bit 3 without instant individual block
 * locking, bit 5: the StrataFlash J3) lock bits are non-volatile and Clear Block Lock-Bits clears
 * every block's at once, taking an erase's time. An unlock there reads which blocks outside the
 * range are locked, clears every bit, and sets those blocks' bits again, so that only the range
 * asked for ends unlocked (as U-Boot's CFI driver does for these parts).
 */
final class IntelCommandSetFlash extends CommandSetFlash {

  private final int recoveryWrites;

  IntelCommandSetFlash(MmioClaim claim, CfiProbe.Result probe, EmulatedClock clock)
      throws FlashException {
    super(claim, probe, clock, probe.query().eraseRegions());
    int commandSet = query.primaryCommandSet();
    if (!CfiQuery.isIntelCommandSet(commandSet)) {
      throw notDriven(name, commandSet, "Intel/Sharp 0x0001 and 0x0003 are");
    }
    this.recoveryWrites = query.writeBufferSize() / layout.deviceWidth() + 2;
  }

  @Override
  void eraseBlock(MmioBus bus, long block) throws FlashException {
    layout.command(bus, block, BLOCK_ERASE);
    layout.command(bus, block, CONFIRM);
    checkStatus(waitUntilReady(bus, block, blockErase, "erase"), "erase", block);
  }

  /** Optional feature bit 1 of the primary extended table: erase suspend. */
  @Override
  boolean eraseSuspend() {
    return query.primaryTable() != null && (query.primaryTable().optionalFeatures() & 0x02) != 0;
  }

  /** Suspend (0xb0), status polled until SR.7; suspended if SR.6 is set on every device. */
  @Override
  boolean suspendErase(MmioBus bus, long block) throws FlashException {
    layout.command(bus, block, SUSPEND);
    int status = waitUntilReady(bus, block, wordProgram, "erase suspend", false);
    boolean suspended = (status & SR6_ERASE_SUSPENDED) != 0;
    layout.command(bus, block, READ_ARRAY);
    return suspended;
  }

  /** Resume (0xd0), then Read Status Register for the erase's poll loop. */
  @Override
  void resumeErase(MmioBus bus, long block) {
    layout.command(bus, block, RESUME);
    layout.command(bus, block, READ_STATUS_REGISTER);
  }

  @Override
  public void lock(long address, long length) throws FlashException {
    setLocks("lock", address, length, LOCK_BLOCK);
  }

  @Override
  public void unlock(long address, long length) throws FlashException {
    if (!legacyLockBits()) {
      setLocks("unlock", address, length, UNLOCK_BLOCK);
      return;
    }
    FlashArguments.checkBlocks(name, "unlock", address, length, geometry);
    onDevice(
        "unlock",
        address,
        bus -> {
          java.util.List<Long> relock = new java.util.ArrayList<>();
          for (long block = 0; block < geometry.size(); block += geometry.blockSizeAt(block)) {
            boolean inRange = block >= address && block < address + length;
            if (!inRange && lockedAt(bus, block)) {
              relock.add(block);
            }
          }
          layout.command(bus, address, BLOCK_LOCK_SETUP);
          layout.command(bus, address, UNLOCK_BLOCK);
          checkStatus(waitUntilReady(bus, address, blockErase, "unlock"), "unlock", address);
          for (long block : relock) {
            layout.command(bus, block, BLOCK_LOCK_SETUP);
            layout.command(bus, block, LOCK_BLOCK);
            checkStatus(waitUntilReady(bus, block, wordProgram, "unlock"), "unlock", block);
          }
          return null;
        });
  }

  /**
   * Optional feature bit 3 (legacy lock/unlock) without bit 5 (instant individual block locking):
   * non-volatile lock bits, cleared all at once.
   */
  private boolean legacyLockBits() {
    long features = query.primaryTable() == null ? 0 : query.primaryTable().optionalFeatures();
    return (features & LEGACY_LOCK_UNLOCK) != 0 && (features & INSTANT_INDIVIDUAL_LOCKING) == 0;
  }

  private static final long LEGACY_LOCK_UNLOCK = 1 << 3;
  private static final long INSTANT_INDIVIDUAL_LOCKING = 1 << 5;

  private void setLocks(String operation, long address, long length, int confirm)
      throws FlashException {
    onEachBlock(
        operation,
        address,
        length,
        (bus, block) -> {
          layout.command(bus, block, BLOCK_LOCK_SETUP);
          layout.command(bus, block, confirm);
          checkStatus(waitUntilReady(bus, block, wordProgram, operation), operation, block);
        });
  }

  @Override
  public boolean isLocked(long address) throws FlashException {
    FlashArguments.checkRange(name, "lock status", address, 1, geometry.size());
    long block = geometry.blockStart(Math.min(address, geometry.size() - 1));
    return onDevice("lock status", address, bus -> lockedAt(bus, block));
  }

  /** Whether any device's lock bit is set for {@code block}, from Read Identifier. */
  private boolean lockedAt(MmioBus bus, long block) {
    layout.command(bus, block, READ_IDENTIFIER);
    int width = layout.bankWidth();
    long value = bus.read(block + (long) IDENTIFIER_BLOCK_LOCK * width, width);
    boolean locked = false;
    for (int lane = 0; lane < layout.interleave(); lane++) {
      locked |= (layout.lane(value, lane) & BLOCK_LOCKED) != 0;
    }
    return locked;
  }

  @Override
  void wordProgram(MmioBus bus, long chunk, byte[] data) throws FlashException {
    layout.command(bus, chunk, WORD_PROGRAM);
    bus.write(chunk, layout.bankWidth(), layout.busValue(data, 0));
    checkStatus(waitUntilReady(bus, chunk, wordProgram, "program"), "program", chunk);
  }

  @Override
  void bufferedProgram(MmioBus bus, long chunk, byte[] data) throws FlashException {
    int width = layout.bankWidth();
    layout.command(bus, chunk, BUFFERED_PROGRAM);
    waitUntilReady(bus, chunk, bufferProgram, "program");
    int words = data.length / width;
    bus.write(chunk, width, layout.onEveryLane(words - 1));
    for (int word = 0; word < words; word++) {
      bus.write(chunk + (long) word * width, width, layout.busValue(data, word * width));
    }
    layout.command(bus, chunk, CONFIRM);
    checkStatus(waitUntilReady(bus, chunk, bufferProgram, "program"), "program", chunk);
  }

  /**
   * Brings the device to a known state, whatever was left half-issued: Read Array written often
   * enough to end any multi-cycle sequence (as data it programs nothing, as a confirm it is
   * refused), then the status polled until a program or erase another owner started is done, then
   * the status cleared and Read Array.
   */
  @Override
  void establishKnownState(MmioBus bus, String operation, long address) throws FlashException {
    if (!layout.settle(bus, recoveryWrites, clock, blockErase.timeoutNanos())) {
      throw new FlashException(
          FlashError.TIMEOUT,
          name,
          operation,
          address,
          "the device stayed busy with an operation started before this one");
    }
  }

  /**
   * Polls the status register until SR.7 is set on every device, pausing on the clock between
   * polls; returns the status ORed over the devices.
   */
  private int waitUntilReady(MmioBus bus, long address, Timing timing, String operation)
      throws FlashException {
    return waitUntilReady(bus, address, timing, operation, operation.equals("erase"));
  }

  private int waitUntilReady(
      MmioBus bus, long address, Timing timing, String operation, boolean serveReads)
      throws FlashException {
    Deadline deadline = Deadline.after(clock, timing.timeoutNanos());
    while (true) {
      // the time first: a status read after the limit decides, however long this thread was away
      boolean late = deadline.passed();
      long value = bus.read(address, layout.bankWidth());
      if (layout.allReady(value)) {
        int combined = 0;
        for (int lane = 0; lane < layout.interleave(); lane++) {
          combined |= layout.lane(value, lane);
        }
        return combined;
      }
      if (late) {
        throw new FlashException(
            FlashError.TIMEOUT,
            name,
            operation,
            address,
            String.format(
                "the device was still busy (status 0x%x) after %d ms",
                value, TimeUnit.NANOSECONDS.toMillis(timing.timeoutNanos())));
      }
      if (serveReads) {
        serveReadsDuringErase(bus, address);
      }
      clock.pause(Math.min(timing.pollIntervalNanos(), deadline.remaining() + 1));
    }
  }

  private void checkStatus(int status, String operation, long address) throws FlashException {
    int block = geometry.blockIndex(address);
    if ((status & SR1_BLOCK_LOCKED) != 0) {
      throw new FlashException(
          FlashError.PROTECTED,
          name,
          operation,
          address,
          "block " + block + " is locked; unlock it first (flash:unlock)");
    }
    if ((status & SR3_VPP_LOW) != 0) {
      throw new FlashException(
          FlashError.PROTECTED,
          name,
          operation,
          address,
          "the device is write-protected (SR.3: programming voltage low or off)");
    }
    if ((status & COMMAND_SEQUENCE_ERROR) == COMMAND_SEQUENCE_ERROR) {
      throw new FlashException(
          FlashError.DEVICE_FAULT,
          name,
          operation,
          address,
          String.format("the device reports an improper command sequence (status 0x%02x)", status));
    }
    if ((status & SR4_PROGRAM_ERROR) != 0) {
      throw new FlashException(
          FlashError.DEVICE_FAULT,
          name,
          operation,
          address,
          String.format(
              "program error (SR.4, status 0x%02x): the cells did not take the data (not erased,"
                  + " or failing)",
              status));
    }
    if ((status & SR5_ERASE_ERROR) != 0) {
      throw new FlashException(
          FlashError.DEVICE_FAULT,
          name,
          operation,
          address,
          String.format(
              "erase error in block %d (SR.5, status 0x%02x): the block did not erase",
              block, status));
    }
  }

  @Override
  void returnToReadArray(MmioBus bus) {
    layout.returnToReadArray(bus);
  }
}
