package org.flashstack.hw.cfi;

import static org.flashstack.api.cfi.IntelCommandSet.*;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.flashstack.api.cfi.CfiQueryOffsets;
import org.flashstack.api.clock.EmulatedClock;

/**
 * One device speaking the Intel/Sharp extended command set (CFI 0x0001, and the Intel standard set
 * 0x0003 of the boot-block parts), as JESD68.01, JEP137B, Intel AN-646 and the 28F320J3 / 28F320C3
 * datasheets define it: a write state machine and a status register of its own, on its own cells,
 * in device offsets and device words ({@code deviceWidth} bytes, data line 0 in the low bit).
 *
 * <p>Read modes: Read Array, Read Status Register, Read Identifier (manufacturer, device, per-block
 * lock and lock-down status, the Read Configuration Register, the protection register) and Read
 * Query. Commands: Word Program (0x40/0x10), Buffered Program (0xe8, count, data, Confirm), Block
 * Erase (0x20, Confirm), Block Lock / Unlock / Lock-Down (0x60 then 0x01 / 0xd0 / 0x2f), Set Read
 * Configuration Register (0x60 0x03, the value on the address lines), Protection Register Program
 * (0xc0), Program/Erase Suspend (0xb0) and Resume (0xd0), Clear Status Register. Blocks may differ
 * in size (parameter blocks at the top or bottom). With a clock the state machine is busy (SR.7
 * clear) for the typical times its query table gives, taking only Read Status Register and Suspend;
 * without one, operations complete at once (and nothing is left to suspend).
 *
 * <p>Lock-down: a locked-down block is locked and stays locked while WP# is asserted (low); with
 * WP# high it can be unlocked and locked again; only power-up clears lock-down. The protection
 * register: a lock word at identifier address 0x80 (bit 0 locks the factory segment, bit 1 the user
 * segment), then 64 factory bits and 64 user bits; programming a locked segment fails with SR.4 and
 * SR.1. Failures set the status bits AN-646's flowcharts check, and an aborted operation changes no
 * cell.
 *
 * <p>Two kinds of block locks. Parts with instant individual block locking (optional feature bit 5:
 * C3, P30) have volatile lock bits, set or cleared per block at once and restored at power-up.
 * Parts with the legacy lock scheme (feature bit 3 without bit 5: the StrataFlash J3) have
 * non-volatile lock bits: Set Block Lock-Bit (0x60 0x01) programs one block's bit, Clear Block
 * Lock-Bits (0x60 0xd0) erases every block's bit at once, each busy for a word program or a block
 * erase, neither suspendable nor allowed while an erase is suspended; the bits survive power
 * cycles. What is non-volatile outside the array (those lock bits, the protection register and its
 * lock word) is kept with the media's {@link org.flashstack.api.media.NonVolatileRecords}, so it
 * survives restarts too. Not thread-safe: the bank that holds the device serialises access.
 */
public final class IntelCommandSetChip {

  /** What reads of the device return. */
  public enum ReadMode {
    READ_ARRAY,
    READ_STATUS,
    READ_IDENTIFIER,
    READ_QUERY
  }

  private enum WriteState {
    READY,
    WORD_PROGRAM_SETUP,
    BUFFER_WRITE_SETUP,
    BUFFER_WRITE,
    BUFFER_WRITE_CONFIRM,
    BLOCK_ERASE_SETUP,
    BLOCK_LOCK_SETUP,
    PROTECTION_PROGRAM_SETUP
  }

  private enum Operation {
    PROGRAM,
    ERASE,
    /** Setting or clearing non-volatile lock bits: cannot be suspended. */
    LOCK_BITS
  }

  /** The record holding the protection register (16 bytes) and its lock word (2, little endian). */
  static final String PROTECTION_RECORD = "intel.protection-register";

  /** The record holding the non-volatile block lock bits (a bit per block, block 0 first). */
  static final String LOCK_BITS_RECORD = "intel.block-lock-bits";

  /**
   * What the part has beyond the basic command set.
   *
   * @param manufacturer JEDEC manufacturer code (identifier address 0)
   * @param deviceId device code (identifier address 1)
   * @param writeBufferBytes the write buffer, 0 for none
   * @param lockedAtPowerUp whether every block is locked after power-up
   * @param lockDown whether blocks can be locked down (0x60 0x2f) against WP#
   * @param protectionRegister whether the part has the 128-bit protection register (0xc0)
   * @param suspend whether programs and erases can be suspended (0xb0) and resumed (0xd0)
   * @param readConfigurationRegister the power-up value of the Read Configuration Register, or -1
   *     for a part without one
   * @param nonVolatileLockBits whether block lock bits are the legacy non-volatile ones (set one,
   *     clear all) rather than volatile instant individual locks
   */
  public record Features(
      int manufacturer,
      int deviceId,
      int writeBufferBytes,
      boolean lockedAtPowerUp,
      boolean lockDown,
      boolean protectionRegister,
      boolean suspend,
      int readConfigurationRegister,
      boolean nonVolatileLockBits) {}

  /** Bytes of each protection register segment (factory, user). */
  static final int PROTECTION_SEGMENT_BYTES = 8;

  private static final int PROTECTION_LOCK_FACTORY = 0x01;
  private static final int PROTECTION_LOCK_USER = 0x02;

  private final String name;
  private final ChipCells cells;
  private final int deviceWidth;
  private final long wordMask;
  private final byte[] query;
  private final Features features;
  private final EmulatedClock clock;
  private final Consumer<String> aborts;
  private final Sectors blocks;
  private final boolean[] blockLocked;
  private final boolean[] blockLockedDown;
  private final byte[] writeBuffer;
  private final byte[] protectionRegister = new byte[2 * PROTECTION_SEGMENT_BYTES];
  private final long wordProgramNanos;
  private final long bufferProgramNanos;
  private final long blockEraseNanos;

  private ReadMode readMode = ReadMode.READ_ARRAY;
  private WriteState writeState = WriteState.READY;
  private int statusRegister = SR7_READY;
  private long busyUntil;
  private Operation running;
  private Operation suspended;
  private long suspendedLeft;
  private long erasingBlock = -1;
  private long bufferSetupAddress;
  private long bufferWindow;
  private int bufferWordsExpected;
  private int bufferWordsLoaded;
  private int bufferLow;
  private int bufferHigh;
  private int readConfiguration;
  private int protectionLock = 0xffff & ~PROTECTION_LOCK_FACTORY;
  private boolean programmingVoltage = true;
  private boolean writeProtectAsserted = true;

  /**
   * @param name the device's name, for messages
   * @param cells the device's own cells (its blocks are their sectors)
   * @param deviceWidth 1 (x8) or 2 (x16)
   * @param query the CFI query table, index = query address
   * @param features identity and optional features
   * @param clock the clock busy times run on, or null for operations that complete at once
   * @param aborts told why an operation aborted
   */
  IntelCommandSetChip(
      String name,
      ChipCells cells,
      int deviceWidth,
      byte[] query,
      Features features,
      EmulatedClock clock,
      Consumer<String> aborts) {
    this.name = Objects.requireNonNull(name);
    this.cells = Objects.requireNonNull(cells);
    this.deviceWidth = deviceWidth;
    this.wordMask = (1L << (8 * deviceWidth)) - 1;
    this.query = query.clone();
    this.features = Objects.requireNonNull(features);
    this.clock = clock;
    this.aborts = Objects.requireNonNull(aborts);
    this.blocks = new Sectors(cells.sectors());
    int count = blocks.count();
    this.blockLocked = new boolean[count];
    this.blockLockedDown = new boolean[count];
    Arrays.fill(blockLocked, features.lockedAtPowerUp());
    this.writeBuffer =
        features.writeBufferBytes() > 0 ? new byte[features.writeBufferBytes()] : null;
    this.wordProgramNanos = typical(CfiQueryOffsets.TYPICAL_WORD_PROGRAM_TIMEOUT, 1_000);
    this.bufferProgramNanos = typical(CfiQueryOffsets.TYPICAL_BUFFER_WRITE_TIMEOUT, 1_000);
    this.blockEraseNanos = typical(CfiQueryOffsets.TYPICAL_BLOCK_ERASE_TIMEOUT, 1_000_000);
    this.readConfiguration = Math.max(0, features.readConfigurationRegister());
    // the factory segment carries a number of its own, as parts leave the factory with one
    for (int i = 0; i < PROTECTION_SEGMENT_BYTES; i++) {
      protectionRegister[i] = (byte) (name.hashCode() >>> (8 * (i % 4)) ^ i);
    }
    Arrays.fill(protectionRegister, PROTECTION_SEGMENT_BYTES, protectionRegister.length, (byte) -1);
    byte[] stored = cells.records().read(PROTECTION_RECORD);
    if (stored != null && stored.length == protectionRegister.length + 2) {
      System.arraycopy(stored, 0, protectionRegister, 0, protectionRegister.length);
      protectionLock =
          (stored[protectionRegister.length] & 0xff)
              | (stored[protectionRegister.length + 1] & 0xff) << 8;
    }
    if (features.nonVolatileLockBits()) {
      byte[] bits = cells.records().read(LOCK_BITS_RECORD);
      if (bits != null) {
        PackedBits.unpack(bits, blockLocked);
      }
    }
  }

  private void storeProtectionRegister() {
    byte[] record = Arrays.copyOf(protectionRegister, protectionRegister.length + 2);
    record[protectionRegister.length] = (byte) protectionLock;
    record[protectionRegister.length + 1] = (byte) (protectionLock >>> 8);
    cells.records().write(PROTECTION_RECORD, record);
  }

  private void storeLockBits() {
    cells.records().write(LOCK_BITS_RECORD, PackedBits.pack(blockLocked));
  }

  private long typical(int offset, long unit) {
    int log2 = offset < query.length ? query[offset] & 0xff : 0;
    return log2 == 0 ? 0 : (1L << log2) * unit;
  }

  /**
   * @return the read mode
   */
  public ReadMode readMode() {
    return readMode;
  }

  /**
   * @return whether a program or erase is under way (a suspended one is not)
   */
  public boolean isBusy() {
    return clock != null && running != null && clock.now() < busyUntil;
  }

  private void settle() {
    if (running != null && (clock == null || clock.now() >= busyUntil)) {
      if (running == Operation.ERASE) {
        erasingBlock = -1;
      }
      running = null;
    }
  }

  private int status() {
    settle();
    return isBusy() ? statusRegister & ~SR7_READY : statusRegister | SR7_READY;
  }

  /**
   * @return whether block {@code block} (by index) is locked
   */
  public boolean isBlockLocked(int block) {
    return blockLocked[block];
  }

  /**
   * @return the Read Configuration Register
   */
  public int readConfigurationRegister() {
    return readConfiguration;
  }

  /** Drives Vpp: without it every program and erase aborts with SR.3. */
  void setProgrammingVoltage(boolean present) {
    programmingVoltage = present;
  }

  /** Drives WP#: asserted (low), locked-down blocks cannot be unlocked. */
  void setWriteProtect(boolean asserted) {
    writeProtectAsserted = asserted;
  }

  /**
   * Power-up: read array, nothing under way, volatile locks as at power-up (non-volatile lock bits
   * as they were), lock-down cleared.
   */
  void powerUp() {
    readMode = ReadMode.READ_ARRAY;
    writeState = WriteState.READY;
    statusRegister = SR7_READY;
    busyUntil = 0;
    running = null;
    suspended = null;
    erasingBlock = -1;
    if (!features.nonVolatileLockBits()) {
      Arrays.fill(blockLocked, features.lockedAtPowerUp());
    }
    Arrays.fill(blockLockedDown, false);
    readConfiguration = Math.max(0, features.readConfigurationRegister());
  }

  // ---- reads

  /** A read of the device word at device offset {@code offset} (a multiple of the width). */
  long read(long offset) {
    return switch (readMode) {
      case READ_ARRAY -> array(offset);
      case READ_STATUS -> status();
      case READ_IDENTIFIER -> identifier(offset);
      case READ_QUERY -> {
        long address = offset / deviceWidth;
        yield address < query.length ? query[(int) address] & 0xff : 0;
      }
    };
  }

  private long array(long offset) {
    byte[] word = new byte[deviceWidth];
    cells.read(offset, word);
    long value = 0;
    for (int i = 0; i < deviceWidth; i++) {
      value |= (word[i] & 0xffL) << (8 * i);
    }
    return value;
  }

  private long identifier(long offset) {
    long absolute = offset / deviceWidth;
    int segmentWords = PROTECTION_SEGMENT_BYTES / deviceWidth;
    if (features.protectionRegister()
        && absolute >= PROTECTION_REGISTER_LOCK
        && absolute <= PROTECTION_REGISTER_LOCK + 2L * segmentWords) {
      if (absolute == PROTECTION_REGISTER_LOCK) {
        return protectionLock & wordMask;
      }
      int index = (int) (absolute - PROTECTION_REGISTER_LOCK - 1) * deviceWidth;
      long value = 0;
      for (int i = 0; i < deviceWidth; i++) {
        value |= (protectionRegister[index + i] & 0xffL) << (8 * i);
      }
      return value;
    }
    int block = block(offset);
    long address = (offset - blocks.start(block)) / deviceWidth;
    if (address == IDENTIFIER_MANUFACTURER) {
      return features.manufacturer();
    }
    if (address == IDENTIFIER_DEVICE) {
      return features.deviceId() & wordMask;
    }
    if (address == IDENTIFIER_BLOCK_LOCK) {
      return (blockLocked[block] ? BLOCK_LOCKED : 0)
          | (blockLockedDown[block] ? BLOCK_LOCKED_DOWN : 0);
    }
    if (address == IDENTIFIER_READ_CONFIGURATION && features.readConfigurationRegister() >= 0) {
      return readConfiguration & wordMask;
    }
    return 0;
  }

  // ---- writes

  /** A write of the device word {@code value} at device offset {@code offset}. */
  void write(long offset, long value) {
    settle();
    int command = (int) (value & 0xff);
    if (isBusy()) {
      if (command == READ_STATUS_REGISTER) {
        readMode = ReadMode.READ_STATUS;
      } else if (command == SUSPEND
          && features.suspend()
          && suspended == null
          && running != Operation.LOCK_BITS) {
        suspend();
      }
      return; // everything else is ignored while busy
    }
    switch (writeState) {
      case READY -> command(offset, command);
      case WORD_PROGRAM_SETUP -> wordProgram(offset, value);
      case BUFFER_WRITE_SETUP -> bufferWordCount(value);
      case BUFFER_WRITE -> bufferWrite(offset, value);
      case BUFFER_WRITE_CONFIRM -> bufferConfirm(command);
      case BLOCK_ERASE_SETUP -> blockEraseConfirm(offset, command);
      case BLOCK_LOCK_SETUP -> blockLockConfirm(offset, command);
      case PROTECTION_PROGRAM_SETUP -> protectionProgram(offset, value);
    }
  }

  private void command(long offset, int command) {
    switch (command) {
      case READ_ARRAY, AMD_RESET -> readMode = ReadMode.READ_ARRAY;
      case READ_IDENTIFIER -> readMode = ReadMode.READ_IDENTIFIER;
      case READ_QUERY -> readMode = ReadMode.READ_QUERY;
      case READ_STATUS_REGISTER -> readMode = ReadMode.READ_STATUS;
      case CLEAR_STATUS_REGISTER -> statusRegister &= ~ERROR_BITS;
      case WORD_PROGRAM, ALTERNATE_WORD_PROGRAM -> enter(WriteState.WORD_PROGRAM_SETUP);
      case BLOCK_ERASE -> {
        if (suspended != null) {
          commandSequenceError(offset, "Block Erase while an operation is suspended");
        } else {
          enter(WriteState.BLOCK_ERASE_SETUP);
        }
      }
      case BLOCK_LOCK_SETUP -> {
        if (features.nonVolatileLockBits() && suspended != null) {
          commandSequenceError(
              offset, "lock-bit configuration (0x60) while an operation is suspended");
        } else {
          enter(WriteState.BLOCK_LOCK_SETUP);
        }
      }
      case PROTECTION_REGISTER_PROGRAM -> {
        if (!features.protectionRegister()) {
          commandSequenceError(offset, "Protection Program (0xc0) on a part without OTP");
        } else {
          enter(WriteState.PROTECTION_PROGRAM_SETUP);
        }
      }
      case BUFFERED_PROGRAM -> {
        if (writeBuffer == null) {
          commandSequenceError(
              offset, "Buffered Program (0xe8) on a device without a write buffer");
        } else {
          bufferSetupAddress = offset;
          enter(WriteState.BUFFER_WRITE_SETUP);
        }
      }
      case RESUME -> {
        if (suspended != null) {
          resume();
        } else {
          readMode = ReadMode.READ_STATUS;
        }
      }
        // Suspend with nothing in progress: status mode only
      case SUSPEND -> readMode = ReadMode.READ_STATUS;
      default -> commandSequenceError(offset, String.format("unknown command 0x%02x", command));
    }
  }

  private void enter(WriteState state) {
    writeState = state;
    readMode = ReadMode.READ_STATUS;
  }

  private void suspend() {
    suspended = running;
    suspendedLeft = Math.max(0, busyUntil - clock.now());
    busyUntil = clock.now();
    running = null;
    statusRegister |= suspended == Operation.ERASE ? SR6_ERASE_SUSPENDED : SR2_PROGRAM_SUSPENDED;
    readMode = ReadMode.READ_STATUS;
  }

  private void resume() {
    statusRegister &= ~(SR6_ERASE_SUSPENDED | SR2_PROGRAM_SUSPENDED);
    running = suspended;
    suspended = null;
    busyFor(suspendedLeft);
    readMode = ReadMode.READ_STATUS;
  }

  private void busyFor(long nanos) {
    if (clock != null) {
      busyUntil = clock.now() + nanos;
      clock.wakeAt(busyUntil);
    }
  }

  private void start(Operation operation, long nanos) {
    running = operation;
    busyFor(nanos);
    if (clock == null) {
      running = null;
    }
  }

  private void wordProgram(long offset, long value) {
    writeState = WriteState.READY;
    byte[] bytes = new byte[deviceWidth];
    for (int i = 0; i < deviceWidth; i++) {
      bytes[i] = (byte) (value >>> (8 * i));
    }
    if (program(offset, bytes, 0, deviceWidth, "word program")) {
      start(Operation.PROGRAM, wordProgramNanos);
    }
  }

  private void bufferWordCount(long value) {
    int count = (int) (value & wordMask) + 1;
    int words = writeBuffer.length / deviceWidth;
    if (count > words) {
      commandSequenceError(
          bufferSetupAddress,
          String.format(
              "buffered program of %d words exceeds the %d-word write buffer", count, words));
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
    for (int i = 0; i < deviceWidth; i++) {
      writeBuffer[index + i] = (byte) (value >>> (8 * i));
    }
    bufferLow = Math.min(bufferLow, index);
    bufferHigh = Math.max(bufferHigh, index + deviceWidth);
    if (++bufferWordsLoaded == bufferWordsExpected) {
      writeState = WriteState.BUFFER_WRITE_CONFIRM;
    }
  }

  private void bufferConfirm(int command) {
    writeState = WriteState.READY;
    if (command != CONFIRM) {
      commandSequenceError(
          bufferWindow,
          String.format(
              "expected Confirm (0xd0) after %d buffered words, got 0x%02x; the buffer is discarded",
              bufferWordsExpected, command));
      return;
    }
    if (program(
        bufferWindow + bufferLow,
        writeBuffer,
        bufferLow,
        bufferHigh - bufferLow,
        "buffered program")) {
      start(Operation.PROGRAM, bufferProgramNanos);
    }
  }

  private void blockEraseConfirm(long offset, int command) {
    writeState = WriteState.READY;
    if (command != CONFIRM) {
      commandSequenceError(
          offset,
          String.format(
              "expected Confirm (0xd0) after Block Erase, got 0x%02x; nothing erased", command));
      return;
    }
    int block = block(offset);
    if (blockLocked[block]) {
      abort(
          SR1_BLOCK_LOCKED | SR5_ERASE_ERROR,
          offset,
          "block erase refused: block " + block + " is locked");
    } else if (!programmingVoltage || cells.isReadOnly()) {
      abort(SR3_VPP_LOW | SR5_ERASE_ERROR, offset, "block erase refused: " + writeProtection());
    } else {
      erasingBlock = blocks.start(block);
      start(Operation.ERASE, blockEraseNanos);
      cells.erase(
          blocks.start(block),
          blocks.size(block),
          reason -> {
            // the part tried for its erase time and gave up: SR.5 once it is ready again
            statusRegister |= SR5_ERASE_ERROR;
            aborts.accept(String.format("0x%08x: block erase failed: %s", offset, reason));
          });
    }
  }

  private void blockLockConfirm(long offset, int command) {
    writeState = WriteState.READY;
    int block = block(offset);
    if (features.nonVolatileLockBits() && (command == LOCK_BLOCK || command == UNLOCK_BLOCK)) {
      lockBitConfiguration(offset, block, command == LOCK_BLOCK);
      return;
    }
    switch (command) {
      case LOCK_BLOCK -> blockLocked[block] = true;
      case UNLOCK_BLOCK -> {
        if (blockLockedDown[block] && writeProtectAsserted) {
          // a locked-down block stays locked while WP# is low; the part says nothing
          aborts.accept(
              String.format(
                  "0x%08x: unlock of locked-down block %d ignored: WP# is asserted",
                  offset, block));
        } else {
          blockLocked[block] = false;
        }
      }
      case LOCK_DOWN_BLOCK -> {
        if (features.lockDown()) {
          blockLocked[block] = true;
          blockLockedDown[block] = true;
        } else {
          commandSequenceError(offset, "Lock-Down (0x2f) on a part without lock-down");
        }
      }
      case SET_READ_CONFIGURATION_REGISTER -> {
        if (features.readConfigurationRegister() >= 0) {
          readConfiguration = (int) ((offset / deviceWidth) & 0xffff);
        } else {
          commandSequenceError(offset, "Set Read Configuration (0x03) on a part without an RCR");
        }
      }
      default ->
          commandSequenceError(
              offset,
              String.format(
                  "expected Lock (0x01), Unlock (0xd0)%s after Block Lock setup, got 0x%02x",
                  features.lockDown() ? ", Lock-Down (0x2f)" : "", command));
    }
  }

  /**
   * Set Block Lock-Bit (one block) or Clear Block Lock-Bits (every block): the legacy scheme's
   * non-volatile bits, programmed or erased as cells are.
   */
  private void lockBitConfiguration(long offset, int block, boolean set) {
    if (!programmingVoltage || cells.isReadOnly()) {
      abort(
          SR3_VPP_LOW | (set ? SR4_PROGRAM_ERROR : SR5_ERASE_ERROR),
          offset,
          (set ? "set block lock-bit" : "clear block lock-bits")
              + " refused: "
              + writeProtection());
      return;
    }
    if (set) {
      blockLocked[block] = true;
    } else {
      Arrays.fill(blockLocked, false);
    }
    storeLockBits();
    start(Operation.LOCK_BITS, set ? wordProgramNanos : blockEraseNanos);
  }

  private void protectionProgram(long offset, long value) {
    writeState = WriteState.READY;
    long absolute = offset / deviceWidth;
    int segmentWords = PROTECTION_SEGMENT_BYTES / deviceWidth;
    if (!programmingVoltage || cells.isReadOnly()) {
      abort(
          SR3_VPP_LOW | SR4_PROGRAM_ERROR,
          offset,
          "protection program refused: " + writeProtection());
      return;
    }
    if (absolute == PROTECTION_REGISTER_LOCK) {
      protectionLock &= (int) value;
      storeProtectionRegister();
      start(Operation.PROGRAM, wordProgramNanos);
      return;
    }
    long first = PROTECTION_REGISTER_LOCK + 1;
    boolean factory = absolute >= first && absolute < first + segmentWords;
    boolean user = absolute >= first + segmentWords && absolute < first + 2L * segmentWords;
    if (!factory && !user) {
      abort(
          SR4_PROGRAM_ERROR,
          offset,
          String.format("protection program at 0x%x: not a protection register address", absolute));
    } else if (factory || (protectionLock & PROTECTION_LOCK_USER) == 0) {
      abort(
          SR4_PROGRAM_ERROR | SR1_BLOCK_LOCKED,
          offset,
          "protection program refused: the "
              + (factory ? "factory" : "user")
              + " segment is locked");
    } else {
      int index = (int) (absolute - first) * deviceWidth;
      for (int i = 0; i < deviceWidth; i++) {
        protectionRegister[index + i] &= (byte) (value >>> (8 * i));
      }
      storeProtectionRegister();
      start(Operation.PROGRAM, wordProgramNanos);
    }
  }

  /** Programs the cells; returns whether it did (false: aborted with the status bits set). */
  private boolean program(long offset, byte[] data, int from, int length, String operation) {
    int block = block(offset);
    if (suspended == Operation.PROGRAM) {
      commandSequenceError(offset, operation + " while a program is suspended");
    } else if (suspended == Operation.ERASE && blocks.start(block) == erasingBlock) {
      abort(
          SR4_PROGRAM_ERROR,
          offset,
          operation + " refused: block " + block + " is being erased (suspended)");
    } else if (blockLocked[block]) {
      abort(
          SR1_BLOCK_LOCKED | SR4_PROGRAM_ERROR,
          offset,
          operation + " refused: block " + block + " is locked");
    } else if (!programmingVoltage || cells.isReadOnly()) {
      abort(SR3_VPP_LOW | SR4_PROGRAM_ERROR, offset, operation + " refused: " + writeProtection());
    } else {
      byte[] bytes = Arrays.copyOfRange(data, from, from + length);
      cells.program(
          offset,
          bytes,
          reason -> abort(SR4_PROGRAM_ERROR, offset, operation + " failed: " + reason));
      return true;
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
    readMode = ReadMode.READ_STATUS;
    aborts.accept(String.format("0x%08x: %s", offset, reason));
  }

  /**
   * @return the index of the block holding device offset {@code offset}
   */
  int block(long offset) {
    return blocks.indexOf(offset);
  }

  @Override
  public String toString() {
    return name + ": Intel command set x" + 8 * deviceWidth;
  }
}
