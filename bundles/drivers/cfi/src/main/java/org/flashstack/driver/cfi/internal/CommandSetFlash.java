package org.flashstack.driver.cfi.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flashstack.api.cfi.CfiQuery;
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
 * What the drivers of both CFI command sets share: the claim, the probe's results, the geometry,
 * argument checks, splitting a program into bus words or write-buffer chunks, and running every
 * operation with the device to itself from a known state, turning bus faults, lost power and a lost
 * claim into {@link FlashException}s. A command set supplies how to reach a known state, how to
 * program one chunk, erase one block, and go back to reading the array.
 */
abstract class CommandSetFlash implements FlashDevice {

  /** Polls never give up sooner than this, whatever the table says. */
  static final long MIN_POLL_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  static final long MIN_POLL_INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(1);

  static final long MAX_POLL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  final String name;
  final MmioClaim claim;
  final EmulatedClock clock;
  final BusLayout layout;
  final CfiQuery query;
  final FlashIdentity identity;
  final FlashGeometry geometry;
  final Timing wordProgram;
  final Timing bufferProgram;
  final Timing blockErase;

  /** Reads that arrived while an erase ran, to be served with the erase suspended. */
  private final Queue<ReadDuringErase> readsDuringErase = new ConcurrentLinkedQueue<>();

  /** Whether an erase is under way (reads then queue to be served while it is suspended). */
  private volatile boolean erasing;

  /** A caller's read waiting to be served while an erase is suspended. */
  private record ReadDuringErase(
      long address, byte[] destination, int offset, int length, CompletableFuture<Boolean> done) {
    boolean overlaps(long start, long size) {
      return address < start + size && start < address + length;
    }
  }

  /**
   * Whether the device's state is unknown: at attach (the previous owner may have left a command
   * half-issued), after a power loss, and after an operation that failed part-way. While the claim
   * is held nobody else reaches the device, so otherwise it is where the last operation left it.
   */
  private boolean stateUnknown = true;

  /** How long an operation typically takes and may take at most, as the query table says. */
  record Timing(long pollIntervalNanos, long timeoutNanos) {
    static Timing of(long typical, long maximum, TimeUnit unit) {
      long interval = unit.toNanos(typical) / 8;
      return new Timing(
          Math.min(MAX_POLL_INTERVAL_NANOS, Math.max(MIN_POLL_INTERVAL_NANOS, interval)),
          Math.max(MIN_POLL_TIMEOUT_NANOS, unit.toNanos(maximum)));
    }
  }

  CommandSetFlash(
      MmioClaim claim, CfiProbe.Result probe, EmulatedClock clock, List<CfiQuery.Region> regions)
      throws FlashException {
    this.name = claim.name();
    this.claim = claim;
    this.clock = clock;
    this.layout = probe.layout();
    this.query = probe.query();
    this.identity = probe.identity();
    this.geometry = geometry(regions, query, layout);
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
  }

  /** The bank's erase regions by address: each device's blocks, as wide as the interleave. */
  private static FlashGeometry geometry(
      List<CfiQuery.Region> deviceRegions, CfiQuery query, BusLayout layout) {
    List<EraseRegion> regions = new ArrayList<>();
    long offset = 0;
    for (CfiQuery.Region region : deviceRegions) {
      long blockSize = region.blockSize() * layout.interleave();
      regions.add(new EraseRegion(offset, blockSize, region.blockCount()));
      offset += blockSize * region.blockCount();
    }
    return new FlashGeometry(
        offset, regions, layout.bankWidth(), query.writeBufferSize() * layout.interleave(), 0xff);
  }

  static FlashException notDriven(String name, int commandSet, String driven) {
    return new FlashException(
        FlashError.NOT_SUPPORTED,
        name,
        "probe",
        -1,
        String.format(
            "command set 0x%04x (%s) is not driven by this driver (%s)",
            commandSet, CfiQuery.commandSetName(commandSet), driven));
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

  /**
   * Reads. While another caller's erase runs on a part that can suspend erases, the read is handed
   * to the erasing thread, which suspends the erase, reads, and resumes (a read of the block being
   * erased waits for the erase instead); otherwise the read waits for the device.
   */
  @Override
  public void read(long address, byte[] destination, int offset, int length) throws FlashException {
    FlashArguments.checkBuffer(name, "read", address, destination, offset, length);
    FlashArguments.checkRange(name, "read", address, length, geometry.size());
    if (erasing && eraseSuspend() && readDuringErase(address, destination, offset, length)) {
      return;
    }
    onDevice(
        "read",
        address,
        bus -> {
          bus.readBulk(address, destination, offset, length);
          return null;
        });
  }

  /**
   * @return whether the erasing thread served the read
   */
  private boolean readDuringErase(long address, byte[] destination, int offset, int length)
      throws FlashException {
    ReadDuringErase request =
        new ReadDuringErase(address, destination, offset, length, new CompletableFuture<>());
    readsDuringErase.add(request);
    if (!erasing && readsDuringErase.remove(request)) {
      return false; // the erase ended meanwhile
    }
    try {
      return request.done().get(blockErase.timeoutNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof FlashException failure) {
        throw failure;
      }
      throw new FlashException(
          FlashError.DEVICE_FAULT,
          name,
          "read",
          address,
          String.valueOf(cause.getMessage()),
          cause);
    } catch (TimeoutException e) {
      return !readsDuringErase.remove(request) && request.done().getNow(false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      readsDuringErase.remove(request);
      throw new FlashException(
          FlashError.TIMEOUT, name, "read", address, "interrupted while an erase ran", e);
    }
  }

  /**
   * Called by a command set's poll loop while {@code block} erases: serves the reads waiting
   * outside that block with the erase suspended.
   */
  final void serveReadsDuringErase(MmioBus bus, long block) throws FlashException {
    if (readsDuringErase.isEmpty() || !eraseSuspend()) {
      return;
    }
    long size = geometry.blockSizeAt(block);
    List<ReadDuringErase> due = new ArrayList<>();
    for (ReadDuringErase request : readsDuringErase) {
      if (!request.overlaps(block, size)) {
        due.add(request);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    boolean suspended = suspendErase(bus, block);
    try {
      for (ReadDuringErase request : due) {
        if (readsDuringErase.remove(request)) {
          bus.readBulk(
              request.address(), request.destination(), request.offset(), request.length());
          request.done().complete(true);
        }
      }
    } finally {
      if (suspended) {
        resumeErase(bus, block);
      }
    }
  }

  /** Hands every waiting read back to its caller, to be done the ordinary way. */
  private void releaseReadsDuringErase() {
    ReadDuringErase request;
    while ((request = readsDuringErase.poll()) != null) {
      request.done().complete(false);
    }
  }

  /**
   * @return whether the part can suspend an erase to be read
   */
  abstract boolean eraseSuspend();

  /**
   * Suspends the erase of {@code block} and puts the devices in read mode.
   *
   * @return whether an erase was suspended (false: it had ended)
   */
  abstract boolean suspendErase(MmioBus bus, long block) throws FlashException;

  /** Resumes the suspended erase of {@code block}, the devices back to showing its progress. */
  abstract void resumeErase(MmioBus bus, long block);

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
    erasing = true;
    try {
      onEachBlock("erase", address, length, this::eraseBlock);
    } finally {
      erasing = false;
      releaseReadsDuringErase();
    }
  }

  /** Something done to one block, with the device held. */
  @FunctionalInterface
  interface BlockAction {
    void run(MmioBus bus, long block) throws FlashException;
  }

  /**
   * Runs {@code action} on every block of a range of whole blocks, in one hold of the device; the
   * range is checked before the first bus access.
   */
  final void onEachBlock(String operation, long address, long length, BlockAction action)
      throws FlashException {
    FlashArguments.checkBlocks(name, operation, address, length, geometry);
    onDevice(
        operation,
        address,
        bus -> {
          for (long block = address;
              block < address + length;
              block += geometry.blockSizeAt(block)) {
            action.run(bus, block);
          }
          return null;
        });
  }

  @Override
  public void close() {
    claim.close();
  }

  /** Programs one bank word (no write buffer) and waits for it. */
  abstract void wordProgram(MmioBus bus, long address, byte[] data) throws FlashException;

  /** Programs one write-buffer chunk and waits for it. */
  abstract void bufferedProgram(MmioBus bus, long chunk, byte[] data) throws FlashException;

  /** Erases the block at {@code block} and waits for it. */
  abstract void eraseBlock(MmioBus bus, long block) throws FlashException;

  /**
   * Brings the devices to a known state whatever was left half-issued, waiting out an operation a
   * previous owner started.
   */
  abstract void establishKnownState(MmioBus bus, String operation, long address)
      throws FlashException;

  /** Returns every device to reading its array, with clear status. */
  abstract void returnToReadArray(MmioBus bus);

  /**
   * @return reads waiting for an erase to be suspended, for tests
   */
  int readsWaitingForErase() {
    return readsDuringErase.size();
  }

  /**
   * Runs a sequence with the device to itself, from a known state to reading the array, turning bus
   * faults, lost power and a lost claim into FlashExceptions.
   */
  final <T> T onDevice(String operation, long address, MmioSession<T, FlashException> session)
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
            returnToReadArray(bus);
            return result;
          });
    } catch (PowerLossException e) {
      throw new FlashException(FlashError.POWER_LOST, name, operation, address, e.getMessage(), e);
    } catch (MmioAccessException e) {
      throw new FlashException(
          FlashError.DEVICE_FAULT, name, operation, address, "bus fault: " + e.getMessage(), e);
    }
  }

  /** After a refused operation: back to reading the array, if the bus lets us. */
  private void leaveKnownState(MmioBus bus) {
    try {
      returnToReadArray(bus);
    } catch (RuntimeException e) {
      stateUnknown = true;
    }
  }

  private static long nextChunk(long chunk, int chunkSize) {
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

  static long roundUp(long value, int unit) {
    return (value + unit - 1) / unit * unit;
  }

  @Override
  public String toString() {
    return name + ": " + identity.interfaceDescription();
  }
}
