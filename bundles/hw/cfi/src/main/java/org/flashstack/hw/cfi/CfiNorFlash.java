package org.flashstack.hw.cfi;

import static org.flashstack.api.cfi.IntelCommandSet.*;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;
import org.flashstack.api.cfi.CfiQueryOffsets;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.media.CellOverwriteException;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaFaultException;
import org.flashstack.api.media.MediaOperationFailedException;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bank of CFI parallel NOR flash devices speaking the Intel/Sharp extended command set
 * (JESD68.01, JEP137B, Intel AN-646), seen through its MMIO window.
 *
 * <p>Read modes: Read Array (reads come straight from the media, bulk reads copy it), Read Status
 * Register, Read Identifier (manufacturer, device, per-block lock status) and Read Query (the CFI
 * table from {@link CfiQueryTable}). Commands: Word Program (0x40/0x10), Buffered Program (0xe8,
 * word count, data, Confirm), Block Erase (0x20, Confirm; the block is the one holding the confirm
 * address), Block Lock/Unlock (0x60 then 0x01/0xd0), Clear Status Register. With a clock, the write
 * state machine is busy (SR.7 clear) for the typical word, buffer and block erase times its query
 * table announces, and while busy it takes only Read Status Register and ignores every other
 * command, as the datasheets say; without one, operations complete at once. Failures set the status
 * bits AN-646's flowcharts check, and an aborted operation changes no cell.
 *
 * <p>The devices of the bank work in lockstep: a command is taken from a write whose device lanes
 * all carry the same value, and status, identifier and query data are returned on every lane. A
 * command write whose lanes differ (the devices would have received different commands) is an
 * improper command sequence. Commands and data must be written across the whole bank; narrower or
 * wider writes are refused as a bus would fault them.
 *
 * <p>Block locks are volatile: {@link #powerUpReset()} restores the power-up state. Thread-safe:
 * every access is atomic and {@link #exclusive} holds the device for a whole sequence. These are
 * the raw registers: in a product they are reached through a claim ({@code ClaimableMmioDevice}).
 */
public final class CfiNorFlash implements MmioBus {

  private static final Logger LOG = LoggerFactory.getLogger(CfiNorFlash.class);

  /** What reads of the window return. */
  enum ReadMode {
    READ_ARRAY,
    READ_STATUS,
    READ_IDENTIFIER,
    READ_QUERY
  }

  /** Where the write state machine is: which bus write it waits for next. */
  enum WriteState {
    /** Waiting for a command. */
    READY,
    /** Word Program set up: the next write is the address and data. */
    WORD_PROGRAM_SETUP,
    /** Buffered Program set up: the next write is the word count minus one. */
    BUFFER_WRITE_SETUP,
    /** Loading the write buffer: the next writes are data. */
    BUFFER_WRITE,
    /** The buffer is loaded: the next write must be Confirm. */
    BUFFER_WRITE_CONFIRM,
    /** Block Erase set up: the next write must be Confirm at an address in the block. */
    BLOCK_ERASE_SETUP,
    /** Block Lock set up: the next write is Lock Block or Unlock Block. */
    BLOCK_LOCK_SETUP
  }

  private final Object deviceLock = new Object();

  /**
   * A sequence lock beside the device lock, so that a bulk read in Read Array mode can copy the
   * cells without taking the device lock. Cells change only while the device is out of Read Array
   * (every program and erase command leaves it first), so what an optimistic read must notice is a
   * change into or out of Read Array and the start of an exclusive session: those hold its write
   * lock, and a read that overlapped one is redone under the device lock.
   */
  private final StampedLock changes = new StampedLock();

  /** Exclusive sessions in progress (0 or 1, more when nested); guarded by the device lock. */
  private volatile int sessions;

  private final CfiDeviceParameters parameters;
  private final FlashMedia media;
  private final long size;
  private final long blockSize;
  private final int bankWidth;
  private final long laneMask;
  private final long laneReplication;
  private final long bankMask;
  private final ByteOrder byteOrder;
  private final byte[] queryTable;
  private final boolean[] blockLocked;
  private final byte[] busBytes;
  private final byte[] writeBuffer;
  private final int writeBufferWords;
  private final EmulatedClock clock;
  private final long wordProgramNanos;
  private final long bufferProgramNanos;
  private final long blockEraseNanos;
  private long busyUntil;

  private volatile ReadMode readMode = ReadMode.READ_ARRAY;
  private WriteState writeState = WriteState.READY;
  private int statusRegister = SR7_READY;
  private boolean programmingVoltage = true;
  private long bufferSetupAddress;
  private long bufferWindow;
  private int bufferWordsExpected;
  private int bufferWordsLoaded;
  private int bufferLow;
  private int bufferHigh;
  private String lastAbortReason = "";

  /**
   * @param parameters the bank's configuration; a block count of 0 takes the count from the media
   * @param media the cells; its size and block size must match the parameters
   * @throws IllegalArgumentException if the media does not fit the parameters
   */
  public CfiNorFlash(CfiDeviceParameters parameters, FlashMedia media) {
    this(parameters, media, null);
  }

  /**
   * @param parameters the bank's configuration; a block count of 0 takes the count from the media
   * @param media the cells; its size and sector size must match the parameters
   * @param clock the clock busy times run on, or null for operations that complete at once
   * @throws IllegalArgumentException if the media does not fit the parameters
   */
  public CfiNorFlash(CfiDeviceParameters parameters, FlashMedia media, EmulatedClock clock) {
    this.media = Objects.requireNonNull(media, "media");
    this.clock = clock;
    if (parameters.blockCount() == 0) {
      parameters = parameters.withBlockCount(media.sectorCount());
    }
    this.parameters = parameters;
    if (media.size() != parameters.size()
        || media.sectors().size() != 1
        || media.sectors().get(0).blockSize() != parameters.blockSize()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: media of %d bytes in sectors %s does not fit the device (%d blocks of %d bytes)",
              parameters.name(),
              media.size(),
              media.sectors(),
              parameters.blockCount(),
              parameters.blockSize()));
    }
    if (media.eraseValue() != 0xff) {
      throw new IllegalArgumentException(
          parameters.name()
              + ": NOR flash erases to 0xff; the media erases to "
              + media.eraseValue());
    }
    this.size = parameters.size();
    this.blockSize = parameters.blockSize();
    this.bankWidth = parameters.bankWidth();
    this.laneMask = (1L << (8 * parameters.deviceWidth())) - 1;
    long replication = 0;
    for (int lane = 0; lane < parameters.interleave(); lane++) {
      replication |= 1L << (8 * parameters.deviceWidth() * lane);
    }
    this.laneReplication = replication;
    this.bankMask = (1L << (8 * bankWidth)) - 1;
    this.byteOrder = parameters.byteOrder();
    this.queryTable = CfiQueryTable.build(parameters);
    this.blockLocked = new boolean[parameters.blockCount()];
    this.busBytes = new byte[bankWidth];
    this.writeBuffer =
        parameters.writeBufferSize() > 0 ? new byte[parameters.bankWriteBufferSize()] : null;
    this.writeBufferWords = parameters.writeBufferSize() / parameters.deviceWidth();
    Arrays.fill(blockLocked, parameters.lockedAtPowerUp());
    this.wordProgramNanos =
        (1L << queryTable[CfiQueryOffsets.TYPICAL_WORD_PROGRAM_TIMEOUT]) * 1_000;
    this.bufferProgramNanos =
        (1L << queryTable[CfiQueryOffsets.TYPICAL_BUFFER_WRITE_TIMEOUT]) * 1_000;
    this.blockEraseNanos =
        (1L << queryTable[CfiQueryOffsets.TYPICAL_BLOCK_ERASE_TIMEOUT]) * 1_000_000;
  }

  @Override
  public String name() {
    return parameters.name();
  }

  @Override
  public long size() {
    return size;
  }

  /**
   * @return the configuration, with the block count resolved
   */
  public CfiDeviceParameters parameters() {
    return parameters;
  }

  /**
   * @return the cells this bank stores its contents in
   */
  public FlashMedia media() {
    return media;
  }

  @Override
  public long read(long offset, int width) {
    checkAccess(offset, width, "read");
    synchronized (deviceLock) {
      if (readMode == ReadMode.READ_ARRAY) {
        return media.readValue(offset, width, byteOrder);
      }
      if (width == bankWidth) {
        return busValue(offset);
      }
      long value = 0;
      for (int i = 0; i < width; i++) {
        value |= (long) byteAt(offset + i) << byteShift(i, width);
      }
      return value;
    }
  }

  @Override
  public void readBulk(long offset, byte[] destination, int destinationOffset, int length) {
    Objects.checkFromIndexSize(destinationOffset, length, destination.length);
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new MmioAccessException(
          String.format(
              "%s: bulk read of %d bytes at 0x%x is outside the device (0x0..0x%x)",
              name(), length, offset, size - 1));
    }
    long stamp = changes.tryOptimisticRead();
    if (stamp != 0 && sessions == 0 && readMode == ReadMode.READ_ARRAY) {
      media.read(offset, destination, destinationOffset, length);
      if (changes.validate(stamp)) {
        return;
      }
    }
    synchronized (deviceLock) {
      if (readMode == ReadMode.READ_ARRAY) {
        media.read(offset, destination, destinationOffset, length);
        return;
      }
      for (int i = 0; i < length; i++) {
        destination[destinationOffset + i] = (byte) byteAt(offset + i);
      }
    }
  }

  @Override
  public void write(long offset, int width, long value) {
    checkAccess(offset, width, "write");
    if (width != bankWidth) {
      throw new MmioAccessException(
          String.format(
              "%s: %d-byte write at 0x%x refused: commands and data must be written across the whole %d-byte bank",
              name(), width, offset, bankWidth));
    }
    synchronized (deviceLock) {
      if (isBusy()) {
        if (commandCode(value & bankMask) == READ_STATUS_REGISTER) {
          enterReadMode(ReadMode.READ_STATUS);
        } else {
          LOG.debug("{}: bus value 0x{} ignored while busy", name(), Long.toHexString(value));
        }
        return;
      }
      busWrite(offset, value & bankMask);
    }
  }

  /** Sets the read mode; a change into or out of Read Array is published to optimistic reads. */
  private void enterReadMode(ReadMode mode) {
    if ((readMode == ReadMode.READ_ARRAY) != (mode == ReadMode.READ_ARRAY)) {
      long stamp = changes.writeLock();
      readMode = mode;
      changes.unlockWrite(stamp);
    } else {
      readMode = mode;
    }
  }

  /**
   * @return whether the write state machine is still busy with a program or erase
   */
  public boolean isBusy() {
    synchronized (deviceLock) {
      return clock != null && clock.now() < busyUntil;
    }
  }

  private void busyFor(long nanos) {
    if (clock != null) {
      busyUntil = clock.now() + nanos;
      clock.wakeAt(busyUntil);
    }
  }

  private int status() {
    return isBusy() ? statusRegister & ~SR7_READY : statusRegister | SR7_READY;
  }

  @Override
  public <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X {
    synchronized (deviceLock) {
      changes.unlockWrite(changes.writeLock());
      sessions++;
      try {
        return session.run(this);
      } finally {
        sessions--;
      }
    }
  }

  /**
   * The state after power-up: read-array mode, no command or operation in progress, status ready
   * and clear, every block locked or unlocked as at power-up. The cells keep their contents.
   */
  public void powerUpReset() {
    synchronized (deviceLock) {
      enterReadMode(ReadMode.READ_ARRAY);
      writeState = WriteState.READY;
      statusRegister = SR7_READY;
      busyUntil = 0;
      Arrays.fill(blockLocked, parameters.lockedAtPowerUp());
      lastAbortReason = "";
    }
  }

  /**
   * Drives the programming voltage (Vpp / write-protect) pin. Without it every program and erase
   * aborts with SR.3 set.
   */
  public void setProgrammingVoltage(boolean present) {
    synchronized (deviceLock) {
      programmingVoltage = present;
    }
  }

  /**
   * @return whether block {@code block} is locked
   */
  public boolean isBlockLocked(int block) {
    synchronized (deviceLock) {
      return blockLocked[block];
    }
  }

  /**
   * @return why the last operation aborted (status error bits set), or "" if none did since
   *     power-up
   */
  public String lastAbortReason() {
    synchronized (deviceLock) {
      return lastAbortReason;
    }
  }

  /**
   * @return the read mode, for tests and diagnostics
   */
  ReadMode readMode() {
    synchronized (deviceLock) {
      return readMode;
    }
  }

  private void checkAccess(long offset, int width, String operation) {
    if (width != 1 && width != 2 && width != 4 && width != 8) {
      throw new MmioAccessException(
          String.format(
              "%s: %d-byte %s at 0x%x refused: access width must be 1, 2, 4 or 8 bytes",
              name(), width, operation, offset));
    }
    if (offset < 0 || offset > size - width) {
      throw new MmioAccessException(
          String.format(
              "%s: %d-byte %s at 0x%x refused: outside the device (0x0..0x%x)",
              name(), width, operation, offset, size - 1));
    }
    if (offset % width != 0) {
      throw new MmioAccessException(
          String.format(
              "%s: %d-byte %s at 0x%x refused: not aligned to %d bytes",
              name(), width, operation, offset, width));
    }
  }

  // ---- reads outside read-array mode ----

  /** The bus value of the bank word at {@code offset} (a multiple of the bank width). */
  private long busValue(long offset) {
    return switch (readMode) {
      case READ_STATUS -> onEveryLane(status());
      case READ_IDENTIFIER -> onEveryLane(identifier(offset));
      case READ_QUERY -> onEveryLane(query(offset / bankWidth));
      case READ_ARRAY -> media.readValue(offset, bankWidth, byteOrder);
    };
  }

  private int byteAt(long address) {
    long bankAddress = address - address % bankWidth;
    int index = (int) (address - bankAddress);
    return (int) ((busValue(bankAddress) >>> byteShift(index, bankWidth)) & 0xff);
  }

  private long onEveryLane(int deviceValue) {
    return (deviceValue & laneMask) * laneReplication;
  }

  private int identifier(long offset) {
    int address = (int) ((offset % blockSize) / bankWidth);
    return switch (address) {
      case IDENTIFIER_MANUFACTURER -> parameters.manufacturerId();
      case IDENTIFIER_DEVICE -> parameters.deviceId();
      case IDENTIFIER_BLOCK_LOCK -> blockLocked[block(offset)] ? BLOCK_LOCKED : 0;
      default -> 0;
    };
  }

  private int query(long address) {
    return address < queryTable.length ? queryTable[(int) address] & 0xff : 0;
  }

  // ---- the write state machine ----

  private void busWrite(long offset, long value) {
    switch (writeState) {
      case READY -> command(offset, value);
      case WORD_PROGRAM_SETUP -> wordProgram(offset, value);
      case BUFFER_WRITE_SETUP -> bufferWordCount(value);
      case BUFFER_WRITE -> bufferWrite(offset, value);
      case BUFFER_WRITE_CONFIRM -> bufferConfirm(value);
      case BLOCK_ERASE_SETUP -> blockEraseConfirm(offset, value);
      case BLOCK_LOCK_SETUP -> blockLockConfirm(offset, value);
    }
  }

  /** The command every device of the bank received, or -1 if they received different values. */
  private int commandCode(long value) {
    return value == onEveryLane((int) (value & laneMask)) ? (int) (value & 0xff) : -1;
  }

  private void command(long offset, long value) {
    int command = commandCode(value);
    switch (command) {
      case READ_ARRAY, AMD_RESET -> enterReadMode(ReadMode.READ_ARRAY);
      case READ_IDENTIFIER -> enterReadMode(ReadMode.READ_IDENTIFIER);
      case READ_QUERY -> enterReadMode(ReadMode.READ_QUERY);
      case READ_STATUS_REGISTER -> enterReadMode(ReadMode.READ_STATUS);
      case CLEAR_STATUS_REGISTER -> statusRegister &= ~ERROR_BITS;
      case WORD_PROGRAM, ALTERNATE_WORD_PROGRAM -> enter(WriteState.WORD_PROGRAM_SETUP);
      case BLOCK_ERASE -> enter(WriteState.BLOCK_ERASE_SETUP);
      case BLOCK_LOCK_SETUP -> enter(WriteState.BLOCK_LOCK_SETUP);
      case BUFFERED_PROGRAM -> {
        if (writeBuffer == null) {
          commandSequenceError(
              offset, "Buffered Program (0xe8) on a device without a write buffer");
        } else {
          bufferSetupAddress = offset;
          enter(WriteState.BUFFER_WRITE_SETUP);
        }
      }
        // Resume and Suspend with nothing in progress (operations complete at once): status mode
        // only.
      case CONFIRM, SUSPEND -> enterReadMode(ReadMode.READ_STATUS);
      case -1 ->
          commandSequenceError(
              offset,
              String.format(
                  "the devices of the bank received different commands (bus value 0x%x)", value));
      default -> commandSequenceError(offset, String.format("unknown command 0x%02x", command));
    }
  }

  private void enter(WriteState state) {
    writeState = state;
    enterReadMode(ReadMode.READ_STATUS);
  }

  private void wordProgram(long offset, long value) {
    writeState = WriteState.READY;
    busBytes(value);
    if (program(offset, busBytes, 0, bankWidth, "word program")) {
      busyFor(wordProgramNanos);
    }
  }

  private void bufferWordCount(long value) {
    int count = (int) (value & laneMask) + 1;
    if (value != onEveryLane((int) (value & laneMask))) {
      commandSequenceError(
          bufferSetupAddress,
          String.format("the devices received different word counts (bus value 0x%x)", value));
    } else if (count > writeBufferWords) {
      commandSequenceError(
          bufferSetupAddress,
          String.format(
              "buffered program of %d words exceeds the %d-word write buffer",
              count, writeBufferWords));
    } else {
      bufferWordsExpected = count;
      bufferWordsLoaded = 0;
      bufferWindow = -1;
      bufferLow = writeBuffer.length;
      bufferHigh = 0;
      Arrays.fill(writeBuffer, (byte) 0xff);
      writeState = WriteState.BUFFER_WRITE;
    }
  }

  private void bufferWrite(long offset, long value) {
    long window = offset - offset % writeBuffer.length;
    if (bufferWindow < 0) {
      if (block(offset) != block(bufferSetupAddress)) {
        commandSequenceError(
            offset,
            String.format(
                "buffered program data is not in block %d, where the buffered program was set up",
                block(bufferSetupAddress)));
        return;
      }
      bufferWindow = window;
    } else if (window != bufferWindow) {
      commandSequenceError(
          offset,
          String.format(
              "buffered program data is outside the write buffer window 0x%x..0x%x",
              bufferWindow, bufferWindow + writeBuffer.length - 1));
      return;
    }
    int index = (int) (offset - window);
    busBytes(value);
    System.arraycopy(busBytes, 0, writeBuffer, index, bankWidth);
    bufferLow = Math.min(bufferLow, index);
    bufferHigh = Math.max(bufferHigh, index + bankWidth);
    if (++bufferWordsLoaded == bufferWordsExpected) {
      writeState = WriteState.BUFFER_WRITE_CONFIRM;
    }
  }

  private void bufferConfirm(long value) {
    writeState = WriteState.READY;
    int command = commandCode(value);
    if (command != CONFIRM) {
      commandSequenceError(
          bufferWindow,
          String.format(
              "expected Confirm (0xd0) after %d buffered words, got bus value 0x%x; the buffer is discarded",
              bufferWordsExpected, value));
      return;
    }
    if (program(
        bufferWindow + bufferLow,
        writeBuffer,
        bufferLow,
        bufferHigh - bufferLow,
        "buffered program")) {
      busyFor(bufferProgramNanos);
    }
  }

  private void blockEraseConfirm(long offset, long value) {
    writeState = WriteState.READY;
    if (commandCode(value) != CONFIRM) {
      commandSequenceError(
          offset,
          String.format(
              "expected Confirm (0xd0) after Block Erase, got bus value 0x%x; nothing erased",
              value));
      return;
    }
    int block = block(offset);
    if (blockLocked[block]) {
      abort(
          SR1_BLOCK_LOCKED | SR5_ERASE_ERROR,
          offset,
          "block erase refused: block " + block + " is locked");
    } else if (!programmingVoltage || media.isReadOnly()) {
      abort(SR3_VPP_LOW | SR5_ERASE_ERROR, offset, "block erase refused: " + writeProtection());
    } else {
      try {
        media.erase(block * blockSize, blockSize);
      } catch (MediaOperationFailedException e) {
        // the part tried for its erase time and gave up: SR.5 once it is ready again
        busyFor(blockEraseNanos);
        statusRegister |= SR5_ERASE_ERROR;
        lastAbortReason = String.format("0x%08x: block erase failed: %s", offset, e.getMessage());
        LOG.info("{}: {}", name(), lastAbortReason);
        return;
      } catch (MediaFaultException e) {
        throw new MmioAccessException(e.getMessage());
      }
      busyFor(blockEraseNanos);
    }
  }

  private void blockLockConfirm(long offset, long value) {
    writeState = WriteState.READY;
    int command = commandCode(value);
    if (command == LOCK_BLOCK) {
      blockLocked[block(offset)] = true;
    } else if (command == UNLOCK_BLOCK) {
      blockLocked[block(offset)] = false;
    } else {
      commandSequenceError(
          offset,
          String.format(
              "expected Lock Block (0x01) or Unlock Block (0xd0) after Block Lock setup, got bus value 0x%x",
              value));
    }
  }

  /** Programs the cells; returns whether it did (false: aborted with the status bits set). */
  private boolean program(long offset, byte[] data, int from, int length, String operation) {
    int block = block(offset);
    if (blockLocked[block]) {
      abort(
          SR1_BLOCK_LOCKED | SR4_PROGRAM_ERROR,
          offset,
          operation + " refused: block " + block + " is locked");
    } else if (!programmingVoltage || media.isReadOnly()) {
      abort(SR3_VPP_LOW | SR4_PROGRAM_ERROR, offset, operation + " refused: " + writeProtection());
    } else {
      try {
        media.program(offset, data, from, length);
        return true;
      } catch (CellOverwriteException e) {
        abort(SR4_PROGRAM_ERROR, e.offset(), operation + " failed: " + e.getMessage());
      } catch (MediaOperationFailedException e) {
        abort(SR4_PROGRAM_ERROR, offset, operation + " failed in the cells: " + e.getMessage());
      } catch (MediaFaultException e) {
        throw new MmioAccessException(e.getMessage());
      }
    }
    return false;
  }

  private String writeProtection() {
    return programmingVoltage
        ? "the backing image is read-only (reported as Vpp low)"
        : "programming voltage (Vpp) is off";
  }

  private void commandSequenceError(long offset, String reason) {
    writeState = WriteState.READY;
    abort(COMMAND_SEQUENCE_ERROR, offset, "improper command sequence: " + reason);
  }

  private void abort(int errorBits, long offset, String reason) {
    statusRegister |= errorBits;
    enterReadMode(ReadMode.READ_STATUS);
    lastAbortReason = String.format("0x%08x: %s", offset, reason);
    LOG.debug("{}: {}", name(), lastAbortReason);
  }

  private int block(long offset) {
    return (int) (offset / blockSize);
  }

  private void busBytes(long value) {
    for (int i = 0; i < bankWidth; i++) {
      busBytes[i] = (byte) (value >>> byteShift(i, bankWidth));
    }
  }

  /** Where byte {@code index} (by address) of a {@code width}-byte bus value sits, in bits. */
  private int byteShift(int index, int width) {
    return byteOrder == ByteOrder.LITTLE_ENDIAN ? 8 * index : 8 * (width - 1 - index);
  }

  @Override
  public String toString() {
    return String.format(
        "%s: CFI NOR, %d x%d on a %d-bit bank, %d blocks of %d bytes, %s",
        name(),
        parameters.interleave(),
        8 * parameters.deviceWidth(),
        8 * bankWidth,
        parameters.blockCount(),
        blockSize,
        media.description());
  }
}
