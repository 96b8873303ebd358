package org.flashstack.driver.cfi.internal;

import static org.flashstack.api.cfi.IntelCommandSet.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.flashstack.api.cfi.CfiFlash;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashIdentity;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.api.mmio.MmioSession;

/**
 * {@link CfiFlash} for devices of the Intel/Sharp command sets (0x0001, 0x0003), driven only
 * through their MMIO window: Read Array for reads, Buffered Program where the device has a write
 * buffer and Word Program otherwise, Block Erase (after Unlock Block where configured), status
 * polling within the query table's maximum times, and status bits mapped to {@link FlashError}s.
 * Every operation holds the device exclusively, checks its arguments before the first bus access,
 * and leaves the device in Read Array mode with a clear status register.
 */
final class IntelCommandSetFlash implements CfiFlash {

  /** Polls never give up sooner than this, whatever the table says. */
  private static final long MIN_POLL_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** Busy polls before the poller starts to park between reads. */
  private static final int SPIN_POLLS = 64;

  private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  private final String name;
  private final MmioDevice device;
  private final BusLayout layout;
  private final CfiQuery query;
  private final FlashIdentity identity;
  private final FlashGeometry geometry;
  private final boolean unlockBeforeErase;
  private final long wordProgramTimeoutNanos;
  private final long bufferProgramTimeoutNanos;
  private final long blockEraseTimeoutNanos;

  IntelCommandSetFlash(MmioDevice device, CfiProbe.Result probe, boolean unlockBeforeErase)
      throws FlashException {
    this.name = device.name();
    this.device = device;
    this.layout = probe.layout();
    this.query = probe.query();
    this.identity = probe.identity();
    this.unlockBeforeErase = unlockBeforeErase;
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
    if (geometry.size() > device.size()) {
      throw new FlashException(
          FlashError.DEVICE_FAULT,
          name,
          "probe",
          -1,
          String.format(
              "the query table describes %d bytes but the MMIO window has only %d",
              geometry.size(), device.size()));
    }
    this.wordProgramTimeoutNanos = timeout(query.maxWordProgramMicros(), TimeUnit.MICROSECONDS);
    this.bufferProgramTimeoutNanos = timeout(query.maxBufferProgramMicros(), TimeUnit.MICROSECONDS);
    this.blockEraseTimeoutNanos = timeout(query.maxBlockEraseMillis(), TimeUnit.MILLISECONDS);
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

  private static long timeout(long amount, TimeUnit unit) {
    return Math.max(MIN_POLL_TIMEOUT_NANOS, unit.toNanos(amount));
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
  public CfiQuery query() {
    return query;
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length) throws FlashException {
    checkBuffer("read", address, destination, offset, length);
    checkRange("read", address, length);
    onDevice(
        "read",
        address,
        bus -> {
          layout.command(bus, 0, READ_ARRAY);
          bus.readBulk(address, destination, offset, length);
          return null;
        });
  }

  @Override
  public void program(long address, byte[] source, int offset, int length) throws FlashException {
    checkBuffer("program", address, source, offset, length);
    checkRange("program", address, length);
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
          try {
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
          } finally {
            layout.returnToReadArray(bus);
          }
          return null;
        });
  }

  @Override
  public void erase(long address, long length) throws FlashException {
    if (length < 0) {
      throw new FlashException(
          FlashError.INVALID_ARGUMENT,
          name,
          "erase",
          address,
          "length must not be negative: " + length);
    }
    checkRange("erase", address, length);
    if (!geometry.isBlockBoundary(address) || !geometry.isBlockBoundary(address + length)) {
      long bad = geometry.isBlockBoundary(address) ? address + length : address;
      long blockStart = geometry.blockStart(bad);
      throw new FlashException(
          FlashError.MISALIGNED,
          name,
          "erase",
          address,
          String.format(
              "an erase must cover whole blocks; 0x%x is inside block %d (0x%x..0x%x)",
              bad,
              geometry.blockIndex(bad),
              blockStart,
              blockStart + geometry.blockSizeAt(bad) - 1));
    }
    onDevice(
        "erase",
        address,
        bus -> {
          try {
            for (long block = address;
                block < address + length;
                block += geometry.blockSizeAt(block)) {
              if (unlockBeforeErase) {
                layout.command(bus, block, BLOCK_LOCK_SETUP);
                layout.command(bus, block, UNLOCK_BLOCK);
              }
              layout.command(bus, block, BLOCK_ERASE);
              layout.command(bus, block, CONFIRM);
              checkStatus(
                  waitUntilReady(bus, block, blockEraseTimeoutNanos, "erase"), "erase", block);
            }
          } finally {
            layout.returnToReadArray(bus);
          }
          return null;
        });
  }

  private void wordProgram(MmioDevice bus, long chunk, byte[] data) throws FlashException {
    layout.command(bus, chunk, WORD_PROGRAM);
    bus.write(chunk, layout.bankWidth(), layout.busValue(data, 0));
    checkStatus(waitUntilReady(bus, chunk, wordProgramTimeoutNanos, "program"), "program", chunk);
  }

  private void bufferedProgram(MmioDevice bus, long chunk, byte[] data) throws FlashException {
    int width = layout.bankWidth();
    layout.command(bus, chunk, BUFFERED_PROGRAM);
    waitUntilReady(bus, chunk, bufferProgramTimeoutNanos, "program");
    int words = data.length / width;
    bus.write(chunk, width, layout.onEveryLane(words - 1));
    for (int word = 0; word < words; word++) {
      bus.write(chunk + (long) word * width, width, layout.busValue(data, word * width));
    }
    layout.command(bus, chunk, CONFIRM);
    checkStatus(waitUntilReady(bus, chunk, bufferProgramTimeoutNanos, "program"), "program", chunk);
  }

  /**
   * Polls the status register until SR.7 is set on every device; returns the status ORed over the
   * devices.
   */
  private int waitUntilReady(MmioDevice bus, long address, long timeoutNanos, String operation)
      throws FlashException {
    long deadline = System.nanoTime() + timeoutNanos;
    for (int poll = 0; ; poll++) {
      long value = bus.read(address, layout.bankWidth());
      int combined = 0;
      boolean ready = true;
      for (int lane = 0; lane < layout.interleave(); lane++) {
        int status = layout.lane(value, lane);
        combined |= status;
        ready &= (status & SR7_READY) != 0;
      }
      if (ready) {
        return combined;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new FlashException(
            FlashError.TIMEOUT,
            name,
            operation,
            address,
            String.format(
                "the device was still busy (status 0x%x) after %d ms",
                value, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
      }
      if (poll < SPIN_POLLS) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(PARK_NANOS);
      }
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
          "block "
              + block
              + " is locked"
              + (operation.equals("erase")
                  ? ""
                  : "; erase it with unlocking enabled, or unlock it first"));
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
          String.format("program error (status 0x%02x); are the cells erased?", status));
    }
    if ((status & SR5_ERASE_ERROR) != 0) {
      throw new FlashException(
          FlashError.DEVICE_FAULT,
          name,
          operation,
          address,
          String.format("erase error in block %d (status 0x%02x)", block, status));
    }
  }

  /**
   * Runs a sequence with the device to itself, turning bus faults and device failures into
   * FlashExceptions.
   */
  private <T> T onDevice(String operation, long address, MmioSession<T, FlashException> session)
      throws FlashException {
    try {
      return device.exclusive(session);
    } catch (MmioAccessException e) {
      throw new FlashException(
          FlashError.DEVICE_FAULT, name, operation, address, "bus fault: " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new FlashException(
          FlashError.DEVICE_FAULT,
          name,
          operation,
          address,
          "device unavailable: " + e.getMessage(),
          e);
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
    java.util.Arrays.fill(data, (byte) 0xff);
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

  private void checkBuffer(String operation, long address, byte[] buffer, int offset, int length)
      throws FlashException {
    Objects.requireNonNull(buffer, "buffer");
    if (length < 0 || offset < 0 || offset > buffer.length - length) {
      throw new FlashException(
          FlashError.INVALID_ARGUMENT,
          name,
          operation,
          address,
          String.format(
              "buffer range [%d, %d+%d) does not fit a buffer of %d bytes",
              offset, offset, length, buffer.length));
    }
  }

  private void checkRange(String operation, long address, long length) throws FlashException {
    if (address < 0 || address > geometry.size() || length > geometry.size() - address) {
      throw new FlashException(
          FlashError.OUT_OF_RANGE,
          name,
          operation,
          address,
          String.format(
              "%d byte(s) from 0x%x do not fit the device (0x0..0x%x, %d bytes)",
              length, address, geometry.size() - 1, geometry.size()));
    }
  }

  @Override
  public String toString() {
    return name + ": " + identity.interfaceDescription();
  }
}
