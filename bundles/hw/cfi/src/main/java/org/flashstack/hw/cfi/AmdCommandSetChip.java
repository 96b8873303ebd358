package org.flashstack.hw.cfi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaOperationFailedException;

/**
 * One device speaking the AMD/Fujitsu command set (CFI primary algorithm 0x0002), as the
 * Am29LV/S29GL datasheets define it: a state machine of its own (issue 15: each device on a bus is
 * one), on its own cells, in word (x16) or byte (x8) mode. Offsets are byte offsets into the
 * device; in word mode a bus cycle carries 16 bits at an even offset, and command addresses are
 * word addresses ({@code 0x555}, {@code 0x2AA}), in byte mode byte addresses ({@code 0xAAA}, {@code
 * 0x555}); the part masks command addresses to {@link #COMMAND_ADDRESS_MASK}.
 *
 * <p>Commands: reset ({@code F0}); autoselect ({@code AA 55 90}: manufacturer at 0, device ID at 1,
 * and the S29GL's second and third device ID words at {@code 0x0E} and {@code 0x0F}, sector
 * protection at 2 of a sector); CFI query ({@code 98} at {@code 0x55}); word or byte program
 * ({@code AA 55 A0}, then address and data); write-to-buffer program ({@code AA 55 25} at the
 * sector, the word count less one, the words, {@code 29} at the sector; anything out of place
 * aborts with DQ1 until the write-buffer-abort reset {@code AA 55 F0}); unlock bypass ({@code AA 55
 * 20}: then {@code A0} programs without unlock cycles, {@code 90 00} leaves); sector erase ({@code
 * AA 55 80 AA 55 30} at the sector, more {@code 30}s at other sectors within the erase window);
 * chip erase ({@code AA 55 80 AA 55 10}); erase suspend ({@code B0}) and resume ({@code 30}).
 *
 * <p>Status, read anywhere while the device is busy (DQ = data bit): DQ7 is the complement of bit 7
 * of the data being programmed (0 during an erase); DQ6 toggles at every read; DQ5 is set when the
 * operation failed (the device stays busy until reset); DQ3 is set once the erase window closed and
 * the erase began; DQ2 toggles on reads of a sector being erased (also while the erase is
 * suspended, when DQ6 stops toggling). Busy periods run on the emulated clock.
 */
public final class AmdCommandSetChip {

  /** Word addresses of the unlock cycles (byte mode doubles them). */
  public static final int UNLOCK1 = 0x555;

  public static final int UNLOCK2 = 0x2AA;

  /** The CFI query entry address (word mode). */
  public static final int QUERY_ENTRY = 0x55;

  /** The command address bits the part decodes (word addresses); the rest are don't-care. */
  public static final int COMMAND_ADDRESS_MASK = 0x7FF;

  static final int DQ7 = 1 << 7;
  static final int DQ6 = 1 << 6;
  static final int DQ5 = 1 << 5;
  static final int DQ3 = 1 << 3;
  static final int DQ2 = 1 << 2;
  static final int DQ1 = 1 << 1;

  /** The sector erase window: more sectors may be added this long after the last 30h. */
  public static final long ERASE_WINDOW_NANOS = 50_000;

  /** The part's identity and times. */
  public record Part(
      int manufacturer,
      int deviceId,
      int deviceId2,
      int deviceId3,
      long wordProgramNanos,
      long sectorEraseNanos,
      long chipEraseNanos,
      int writeBufferBytes,
      long bufferProgramNanos) {}

  private enum Mode {
    READ_ARRAY,
    AUTOSELECT,
    QUERY
  }

  private enum Cycle {
    IDLE,
    UNLOCKED1,
    UNLOCKED2,
    PROGRAM,
    ERASE_SETUP,
    ERASE_UNLOCKED1,
    ERASE_UNLOCKED2,
    BYPASS_PROGRAM,
    BYPASS_RESET,
    BUFFER_COUNT,
    BUFFER_LOAD,
    BUFFER_CONFIRM,
    ABORT_UNLOCKED1,
    ABORT_UNLOCKED2
  }

  private enum Work {
    PROGRAM,
    ERASE,
    CHIP_ERASE
  }

  private final String name;
  private final FlashMedia cells;
  private final EmulatedClock clock;
  private final Part part;
  private final boolean wordMode;
  private final byte[] query;
  private final List<Long> sectors = new ArrayList<>();

  private Mode mode = Mode.READ_ARRAY;
  private Cycle cycle = Cycle.IDLE;
  private boolean bypass;
  private Work work;
  private long busyUntil;
  private long windowCloses;
  private int programmedBit7;
  private boolean failed;
  private boolean toggle6;
  private boolean toggle2;
  private boolean suspended;
  private long suspendedLeft;
  private long bufferSector;
  private long bufferPage;
  private int bufferLeft;
  private byte[] buffer;
  private int lastLoadedBit7;

  /** A write-to-buffer abort: status with DQ1 until the write-buffer-abort reset (AA 55 F0). */
  private boolean aborted;

  /**
   * @param name the device's name, for messages
   * @param cells the device's own cells
   * @param clock the emulated clock its busy periods run on
   * @param part identity and times
   * @param wordMode x16 (true) or x8
   * @param query the CFI query table, index = query (word) address
   */
  public AmdCommandSetChip(
      String name,
      FlashMedia cells,
      EmulatedClock clock,
      Part part,
      boolean wordMode,
      byte[] query) {
    this.name = Objects.requireNonNull(name);
    this.cells = Objects.requireNonNull(cells);
    this.clock = Objects.requireNonNull(clock);
    this.part = Objects.requireNonNull(part);
    this.wordMode = wordMode;
    this.query = query.clone();
  }

  private int unit() {
    return wordMode ? 2 : 1;
  }

  /** Whether a bus cycle at {@code offset} addresses command address {@code wordAddress}. */
  private boolean at(long offset, int wordAddress) {
    if (wordMode) {
      return ((offset >>> 1) & COMMAND_ADDRESS_MASK) == wordAddress;
    }
    return (offset & ((COMMAND_ADDRESS_MASK << 1) | 1)) == byteAddress(wordAddress);
  }

  private static long byteAddress(int wordAddress) {
    return switch (wordAddress) {
      case UNLOCK1 -> 0xAAA;
      case UNLOCK2 -> 0x555;
      case QUERY_ENTRY -> 0xAA;
      default -> (long) wordAddress << 1;
    };
  }

  // ---- time

  private void settle() {
    long now = clock.now();
    if (work == Work.ERASE && !suspended && windowCloses > 0 && now >= windowCloses) {
      windowCloses = 0; // the window closed: the erase runs, DQ3 set
    }
    if (work != null && !failed && !suspended && windowCloses == 0 && now >= busyUntil) {
      work = null;
      sectors.clear();
    }
  }

  /**
   * @return whether a program or erase is under way (or failed and waits for a reset)
   */
  public synchronized boolean isBusy() {
    settle();
    return work != null && !suspended;
  }

  // ---- bus

  /** A bus read of one word (x16) or byte (x8) at {@code offset}. */
  public synchronized int read(long offset) {
    settle();
    if (aborted) {
      toggle6 = !toggle6;
      return DQ1 | (toggle6 ? DQ6 : 0) | ((~lastLoadedBit7) & DQ7);
    }
    if (work != null && (!suspended || inErasingSector(offset))) {
      return status(offset);
    }
    return switch (mode) {
      case READ_ARRAY -> array(offset);
      case AUTOSELECT -> autoselect(offset);
      case QUERY -> queryByte(offset);
    };
  }

  private int array(long offset) {
    byte[] data = new byte[unit()];
    cells.read(offset - offset % unit(), data, 0, data.length);
    return wordMode ? (data[0] & 0xff) | (data[1] & 0xff) << 8 : data[0] & 0xff;
  }

  private int autoselect(long offset) {
    // autoselect and query addresses are word addresses; in byte mode A-1 is below them
    int address = (int) ((offset >>> 1) & 0xff);
    return switch (address) {
      case 0x00 -> part.manufacturer();
      case 0x01 -> part.deviceId();
      case 0x02 -> 0; // sector protection: unprotected
      case 0x0E -> part.deviceId2();
      case 0x0F -> part.deviceId3();
      default -> 0;
    };
  }

  private int queryByte(long offset) {
    int address = (int) (offset >>> 1);
    return address < query.length ? query[address] & 0xff : 0;
  }

  private int status(long offset) {
    int value = 0;
    if (suspended) {
      // reading a suspended sector: DQ7 1, DQ6 steady, DQ2 toggles
      toggle2 = !toggle2;
      return DQ7 | (toggle2 ? DQ2 : 0);
    }
    toggle6 = !toggle6;
    value |= toggle6 ? DQ6 : 0;
    if (work == Work.PROGRAM) {
      value |= (~programmedBit7) & DQ7;
    } else {
      value |= windowCloses == 0 ? DQ3 : 0;
      if (inErasingSector(offset)) {
        toggle2 = !toggle2;
        value |= toggle2 ? DQ2 : 0;
      }
    }
    if (failed) {
      value |= DQ5;
    }
    return value;
  }

  private boolean inErasingSector(long offset) {
    if (work == Work.CHIP_ERASE) {
      return true;
    }
    for (long sector : sectors) {
      if (offset >= sector && offset < sector + sectorSize(sector)) {
        return true;
      }
    }
    return false;
  }

  private long sectorStart(long offset) {
    for (var region : cells.sectors()) {
      if (region.contains(offset)) {
        return offset - (offset - region.offset()) % region.blockSize();
      }
    }
    return offset;
  }

  private long sectorSize(long sector) {
    for (var region : cells.sectors()) {
      if (region.contains(sector)) {
        return region.blockSize();
      }
    }
    return 0;
  }

  /** A bus write of one word (x16) or byte (x8) at {@code offset}. */
  public synchronized void write(long offset, int value) {
    settle();
    int data = value & (wordMode ? 0xffff : 0xff);
    int command = data & 0xff;
    if (work != null && !suspended) {
      busyWrite(offset, command);
      return;
    }
    if (aborted) {
      abortedWrite(offset, command);
      return;
    }
    switch (cycle) {
      case IDLE -> idle(offset, command);
      case UNLOCKED1 ->
          cycle = at(offset, UNLOCK2) && command == 0x55 ? Cycle.UNLOCKED2 : Cycle.IDLE;
      case UNLOCKED2 -> unlocked(offset, command);
      case PROGRAM, BYPASS_PROGRAM -> {
        cycle = Cycle.IDLE;
        program(offset, data);
      }
      case ERASE_SETUP ->
          cycle = at(offset, UNLOCK1) && command == 0xAA ? Cycle.ERASE_UNLOCKED1 : Cycle.IDLE;
      case ERASE_UNLOCKED1 ->
          cycle = at(offset, UNLOCK2) && command == 0x55 ? Cycle.ERASE_UNLOCKED2 : Cycle.IDLE;
      case ERASE_UNLOCKED2 -> {
        cycle = Cycle.IDLE;
        if (command == 0x30) {
          sectorErase(offset);
        } else if (command == 0x10 && at(offset, UNLOCK1)) {
          chipErase();
        }
      }
      case BYPASS_RESET -> {
        cycle = Cycle.IDLE;
        if (command == 0x00) {
          bypass = false;
        }
      }
      case BUFFER_COUNT -> bufferCount(offset, data);
      case BUFFER_LOAD -> bufferLoad(offset, data);
      case BUFFER_CONFIRM -> bufferConfirm(offset, command);
      default -> cycle = Cycle.IDLE;
    }
  }

  // ---- write-to-buffer program

  private void bufferStart(long offset) {
    if (part.writeBufferBytes() <= 0) {
      return; // the part has no write buffer: 25h is no command
    }
    bufferSector = sectorStart(offset);
    cycle = Cycle.BUFFER_COUNT;
  }

  private void bufferCount(long offset, int data) {
    int words = data + 1;
    if (sectorStart(offset) != bufferSector || words * unit() > part.writeBufferBytes()) {
      abort();
      return;
    }
    bufferLeft = words;
    buffer = null;
    cycle = Cycle.BUFFER_LOAD;
  }

  private void bufferLoad(long offset, int data) {
    long at = offset - offset % unit();
    if (buffer == null) {
      bufferPage = at - at % part.writeBufferBytes();
      buffer = new byte[part.writeBufferBytes()];
      java.util.Arrays.fill(buffer, (byte) 0xff);
    }
    if (at < bufferPage || at >= bufferPage + part.writeBufferBytes()) {
      abort(); // outside the write-buffer page of the first address loaded
      return;
    }
    int index = (int) (at - bufferPage);
    buffer[index] = (byte) data;
    if (wordMode) {
      buffer[index + 1] = (byte) (data >>> 8);
    }
    lastLoadedBit7 = data & DQ7;
    if (--bufferLeft == 0) {
      cycle = Cycle.BUFFER_CONFIRM;
    }
  }

  private void bufferConfirm(long offset, int command) {
    if (command != 0x29 || sectorStart(offset) != bufferSector) {
      abort();
      return;
    }
    cycle = Cycle.IDLE;
    programmedBit7 = lastLoadedBit7;
    work = Work.PROGRAM;
    busyUntil = clock.now() + part.bufferProgramNanos();
    clock.wakeAt(busyUntil);
    try {
      cells.program(bufferPage, buffer, 0, buffer.length);
    } catch (MediaOperationFailedException e) {
      failed = true;
    }
  }

  private void abort() {
    aborted = true;
    cycle = Cycle.IDLE;
    buffer = null;
  }

  /** Only the write-buffer-abort reset (AA 55 F0) leaves an abort. */
  private void abortedWrite(long offset, int command) {
    switch (cycle) {
      case ABORT_UNLOCKED1 ->
          cycle = at(offset, UNLOCK2) && command == 0x55 ? Cycle.ABORT_UNLOCKED2 : Cycle.IDLE;
      case ABORT_UNLOCKED2 -> {
        cycle = Cycle.IDLE;
        if (at(offset, UNLOCK1) && command == 0xF0) {
          aborted = false;
          mode = Mode.READ_ARRAY;
        }
      }
      default ->
          cycle = at(offset, UNLOCK1) && command == 0xAA ? Cycle.ABORT_UNLOCKED1 : Cycle.IDLE;
    }
  }

  private void idle(long offset, int command) {
    if (command == 0xF0) {
      mode = Mode.READ_ARRAY;
      return;
    }
    if (command == 0x98 && at(offset, QUERY_ENTRY) && mode != Mode.QUERY) {
      mode = Mode.QUERY;
      return;
    }
    if (suspended && command == 0x30) {
      resume();
      return;
    }
    if (bypass) {
      switch (command) {
        case 0xA0 -> cycle = Cycle.BYPASS_PROGRAM;
        case 0x80 -> cycle = Cycle.ERASE_UNLOCKED2;
        case 0x90 -> cycle = Cycle.BYPASS_RESET;
        default -> {}
      }
      return;
    }
    if (command == 0xAA && at(offset, UNLOCK1)) {
      cycle = Cycle.UNLOCKED1;
    }
  }

  private void unlocked(long offset, int command) {
    cycle = Cycle.IDLE;
    if (command == 0x25) {
      bufferStart(offset); // at the sector address, not at 0x555
      return;
    }
    if (!at(offset, UNLOCK1)) {
      return;
    }
    switch (command) {
      case 0x90 -> mode = Mode.AUTOSELECT;
      case 0xA0 -> cycle = Cycle.PROGRAM;
      case 0x80 -> {
        if (!suspended) {
          cycle = Cycle.ERASE_SETUP;
        }
      }
      case 0x20 -> bypass = true;
      case 0xF0 -> mode = Mode.READ_ARRAY;
      default -> {}
    }
  }

  private void busyWrite(long offset, int command) {
    if (failed && command == 0xF0) {
      // after DQ5, a reset returns the device to reading the array
      failed = false;
      work = null;
      sectors.clear();
      windowCloses = 0;
      mode = Mode.READ_ARRAY;
      return;
    }
    if (work == Work.ERASE && windowCloses > 0 && command == 0x30) {
      long sector = sectorStart(offset);
      if (!sectors.contains(sector)) {
        sectors.add(sector);
        eraseCells(sector);
        busyUntil += part.sectorEraseNanos();
      }
      windowCloses = clock.now() + ERASE_WINDOW_NANOS;
      clock.wakeAt(windowCloses);
      return;
    }
    if (work == Work.ERASE && command == 0xB0) {
      suspended = true;
      suspendedLeft = Math.max(0, busyUntil - clock.now());
      windowCloses = 0;
    }
    // anything else is ignored while busy
  }

  private void resume() {
    suspended = false;
    busyUntil = clock.now() + suspendedLeft;
    clock.wakeAt(busyUntil);
  }

  private void program(long offset, int data) {
    if (suspended && inErasingSector(offset)) {
      return; // a program into the suspended sector is ignored
    }
    long at = offset - offset % unit();
    byte[] bytes =
        wordMode ? new byte[] {(byte) data, (byte) (data >>> 8)} : new byte[] {(byte) data};
    programmedBit7 = data & DQ7;
    work = Work.PROGRAM;
    busyUntil = clock.now() + part.wordProgramNanos();
    clock.wakeAt(busyUntil);
    try {
      cells.program(at, bytes, 0, bytes.length);
    } catch (MediaOperationFailedException e) {
      failed = true;
    }
  }

  private void sectorErase(long offset) {
    long sector = sectorStart(offset);
    work = Work.ERASE;
    sectors.clear();
    sectors.add(sector);
    windowCloses = clock.now() + ERASE_WINDOW_NANOS;
    busyUntil = windowCloses + part.sectorEraseNanos();
    clock.wakeAt(windowCloses);
    eraseCells(sector);
  }

  private void eraseCells(long sector) {
    try {
      cells.erase(sector, sectorSize(sector));
    } catch (MediaOperationFailedException e) {
      failed = true;
    }
  }

  private void chipErase() {
    work = Work.CHIP_ERASE;
    windowCloses = 0;
    busyUntil = clock.now() + part.chipEraseNanos();
    clock.wakeAt(busyUntil);
    try {
      cells.erase(0, cells.size());
    } catch (MediaOperationFailedException e) {
      failed = true;
    }
  }

  /** Power-up: read array, no command under way (the cells keep what they have). */
  public synchronized void powerUp() {
    mode = Mode.READ_ARRAY;
    cycle = Cycle.IDLE;
    bypass = false;
    work = null;
    failed = false;
    suspended = false;
    aborted = false;
    windowCloses = 0;
    sectors.clear();
  }

  @Override
  public String toString() {
    return name + ": AMD command set " + (wordMode ? "x16" : "x8");
  }
}
