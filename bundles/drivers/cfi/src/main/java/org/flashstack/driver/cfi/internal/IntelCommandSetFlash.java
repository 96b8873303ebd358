package org.flashstack.driver.cfi.internal;

import static org.flashstack.api.cfi.IntelCommandSet.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.clock.Deadline;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.PowerLossException;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.flash.FlashArguments;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashIdentity;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioClaim;
import org.flashstack.api.mmio.MmioSession;

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
 */
final class IntelCommandSetFlash implements FlashDevice {

  /** Polls never give up sooner than this, whatever the table says. */
  private static final long MIN_POLL_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private static final long MIN_POLL_INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(1);

  private static final long MAX_POLL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final String name;
  private final MmioClaim claim;
  private final EmulatedClock clock;
  private final BusLayout layout;
  private final CfiQuery query;
  private final FlashIdentity identity;
  private final FlashGeometry geometry;
  private final Timing wordProgram;
  private final Timing bufferProgram;
  private final Timing blockErase;
  private final int recoveryWrites;

  /**
   * Whether the device's state is unknown: at attach (the previous owner may have left a command
   * half-issued), after a power loss, and after an operation that failed part-way. While the claim
   * is held nobody else reaches the device, so otherwise it is in Read Array as the last operation
   * left it.
   */
  private boolean stateUnknown = true;

  /** How long an operation typically takes and may take at most, as the query table says. */
  private record Timing(long pollIntervalNanos, long timeoutNanos) {
    static Timing of(long typical, long maximum, TimeUnit unit) {
      long interval = unit.toNanos(typical) / 8;
      return new Timing(
          Math.min(MAX_POLL_INTERVAL_NANOS, Math.max(MIN_POLL_INTERVAL_NANOS, interval)),
          Math.max(MIN_POLL_TIMEOUT_NANOS, unit.toNanos(maximum)));
    }
  }

  IntelCommandSetFlash(MmioClaim claim, CfiProbe.Result probe, EmulatedClock clock)
      throws FlashException {
    this.name = claim.name();
    this.claim = claim;
    this.clock = clock;
    this.layout = probe.layout();
    this.query = probe.query();
    this.identity = probe.identity();
    int commandSet = query.primaryCommandSet();
    if (!CfiQuery.isIntelCommandSet(commandSet)) {
      throw new FlashException(
          FlashError.NOT_SUPPORTED,
          name,
          "probe",
          -1,
          String.format(
              "command set 0x%04x (%s) is not driven by this driver (Intel/Sharp 0x0001 and 0x0003 are)",
              commandSet, CfiQuery.commandSetName(commandSet)));
    }
    this.geometry = geometry(query, layout);
    if (geometry.size() > claim.size()) {
      throw new FlashException(
          FlashError.DEVICE_FAULT,
          name,
          "probe",
          -1,
          String.format(
              "the query table describes %d bytes but the MMIO window has only %d",
              geometry.size(), claim.size()));
    }
    this.wordProgram =
        Timing.of(
            query.typicalWordProgramMicros(), query.maxWordProgramMicros(), TimeUnit.MICROSECONDS);
    this.bufferProgram =
        Timing.of(
            query.typicalBufferProgramMicros(),
            query.maxBufferProgramMicros(),
            TimeUnit.MICROSECONDS);
    this.blockErase =
        Timing.of(
            query.typicalBlockEraseMillis(), query.maxBlockEraseMillis(), TimeUnit.MILLISECONDS);
    this.recoveryWrites = query.writeBufferSize() / layout.deviceWidth() + 2;
  }

  private static FlashGeometry geometry(CfiQuery query, BusLayout layout) {
    List<EraseRegion> regions = new ArrayList<>();
    long offset = 0;
    for (CfiQuery.Region region : query.eraseRegions()) {
      long blockSize = region.blockSize() * layout.interleave();
      regions.add(new EraseRegion(offset, blockSize, region.blockCount()));
      offset += blockSize * region.blockCount();
    }
    return new FlashGeometry(
        offset, regions, layout.bankWidth(), query.writeBufferSize() * layout.interleave(), 0xff);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public FlashIdentity identity() {
    return identity;
  }

  @Override
  public FlashGeometry geometry() {
    return geometry;
  }

  @Override
  public <T> Optional<T> detail(Class<T> type) {
    return type.isInstance(query) ? Optional.of(type.cast(query)) : Optional.empty();
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length) throws FlashException {
    FlashArguments.checkBuffer(name, "read", address, destination, offset, length);
    FlashArguments.checkRange(name, "read", address, length, geometry.size());
    onDevice(
        "read",
        address,
        bus -> {
          bus.readBulk(address, destination, offset, length);
          return null;
        });
  }

  @Override
  public void program(long address, byte[] source, int offset, int length) throws FlashException {
    FlashArguments.checkBuffer(name, "program", address, source, offset, length);
    FlashArguments.checkRange(name, "program", address, length, geometry.size());
    if (length == 0) {
      return;
    }
    int width = layout.bankWidth();
    long start = address - address % width;
    long end = roundUp(address + length, width);
    int chunkSize = geometry.writeBufferSize() > 0 ? geometry.writeBufferSize() : width;
    onDevice(
        "program",
        address,
        bus -> {
          for (long chunk = start; chunk < end; chunk = nextChunk(chunk, chunkSize)) {
            long chunkEnd = Math.min(end, nextChunk(chunk, chunkSize));
            byte[] data = padded(chunk, chunkEnd, address, source, offset, length);
            if (isErasedPattern(data)) {
              continue;
            }
            if (geometry.writeBufferSize() > 0) {
              bufferedProgram(bus, chunk, data);
            } else {
              wordProgram(bus, chunk, data);
            }
          }
          return null;
        });
  }

  @Override
  public void erase(long address, long length) throws FlashException {
    onEachBlock("erase", address, length, BLOCK_ERASE, CONFIRM, blockErase);
  }

  @Override
  public void lock(long address, long length) throws FlashException {
    setLocks("lock", address, length, LOCK_BLOCK);
  }

  @Override
  public void unlock(long address, long length) throws FlashException {
    setLocks("unlock", address, length, UNLOCK_BLOCK);
  }

  private void setLocks(String operation, long address, long length, int confirm)
      throws FlashException {
    onEachBlock(operation, address, length, BLOCK_LOCK_SETUP, confirm, wordProgram);
  }

  /**
   * Runs a two-cycle block command (setup, confirm) on every block of a range of whole blocks,
   * waiting for each within {@code timing} and checking its status.
   */
  private void onEachBlock(
      String operation, long address, long length, int setup, int confirm, Timing timing)
      throws FlashException {
    FlashArguments.checkBlocks(name, operation, address, length, geometry);
    onDevice(
        operation,
        address,
        bus -> {
          for (long block = address;
              block < address + length;
              block += geometry.blockSizeAt(block)) {
            layout.command(bus, block, setup);
            layout.command(bus, block, confirm);
            checkStatus(waitUntilReady(bus, block, timing, operation), operation, block);
          }
          return null;
        });
  }

  @Override
  public boolean isLocked(long address) throws FlashException {
    FlashArguments.checkRange(name, "lock status", address, 1, geometry.size());
    long block = geometry.blockStart(Math.min(address, geometry.size() - 1));
    return onDevice(
        "lock status",
        address,
        bus -> {
          layout.command(bus, block, READ_IDENTIFIER);
          int width = layout.bankWidth();
          long value = bus.read(block + (long) IDENTIFIER_BLOCK_LOCK * width, width);
          boolean locked = false;
          for (int lane = 0; lane < layout.interleave(); lane++) {
            locked |= (layout.lane(value, lane) & BLOCK_LOCKED) != 0;
          }
          return locked;
        });
  }

  @Override
  public void close() {
    claim.close();
  }

  private void wordProgram(MmioBus bus, long chunk, byte[] data) throws FlashException {
    layout.command(bus, chunk, WORD_PROGRAM);
    bus.write(chunk, layout.bankWidth(), layout.busValue(data, 0));
    checkStatus(waitUntilReady(bus, chunk, wordProgram, "program"), "program", chunk);
  }

  private void bufferedProgram(MmioBus bus, long chunk, byte[] data) throws FlashException {
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
  private void establishKnownState(MmioBus bus, String operation, long address)
      throws FlashException {
    if (!layout.settle(bus, recoveryWrites, clock, blockErase.timeoutNanos())) {
      throw new FlashException(
          FlashError.TIMEOUT,
          name,
          operation,
          address,
          "the device stayed busy with an operation started before this one");
    }
  }

  /** After a refused operation: clear the status and go back to Read Array, if the bus lets us. */
  private void leaveKnownState(MmioBus bus) {
    try {
      layout.returnToReadArray(bus);
    } catch (RuntimeException e) {
      stateUnknown = true;
    }
  }

  /**
   * Polls the status register until SR.7 is set on every device, pausing on the clock between
   * polls; returns the status ORed over the devices.
   */
  private int waitUntilReady(MmioBus bus, long address, Timing timing, String operation)
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

  /**
   * Runs a sequence with the device to itself, from a known state to Read Array, turning bus
   * faults, lost power and a lost claim into FlashExceptions.
   */
  private <T> T onDevice(String operation, long address, MmioSession<T, FlashException> session)
      throws FlashException {
    try {
      if (claim.acknowledgePowerLoss()) {
        stateUnknown = true;
      }
      return claim.exclusive(
          bus -> {
            if (stateUnknown) {
              establishKnownState(bus, operation, address);
              stateUnknown = false;
            }
            T result;
            try {
              result = session.run(bus);
            } catch (FlashException e) {
              leaveKnownState(bus);
              throw e;
            } catch (RuntimeException e) {
              stateUnknown = true;
              throw e;
            }
            layout.returnToReadArray(bus);
            return result;
          });
    } catch (PowerLossException e) {
      throw new FlashException(FlashError.POWER_LOST, name, operation, address, e.getMessage(), e);
    } catch (MmioAccessException e) {
      throw new FlashException(
          FlashError.DEVICE_FAULT, name, operation, address, "bus fault: " + e.getMessage(), e);
    }
  }

  private long nextChunk(long chunk, int chunkSize) {
    return chunk - chunk % chunkSize + chunkSize;
  }

  /**
   * The bytes of [chunk, chunkEnd): the caller's data where it has some, the erase value elsewhere.
   */
  private static byte[] padded(
      long chunk, long chunkEnd, long address, byte[] source, int offset, int length) {
    byte[] data = new byte[(int) (chunkEnd - chunk)];
    Arrays.fill(data, (byte) 0xff);
    long from = Math.max(chunk, address);
    long to = Math.min(chunkEnd, address + length);
    System.arraycopy(
        source, offset + (int) (from - address), data, (int) (from - chunk), (int) (to - from));
    return data;
  }

  private static boolean isErasedPattern(byte[] data) {
    for (byte b : data) {
      if (b != (byte) 0xff) {
        return false;
      }
    }
    return true;
  }

  private static long roundUp(long value, int unit) {
    return (value + unit - 1) / unit * unit;
  }

  @Override
  public String toString() {
    return name + ": " + identity.interfaceDescription();
  }
}
