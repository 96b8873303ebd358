package org.flashstack.hw.cfi;

import static org.flashstack.api.cfi.AmdCommandSet.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.flashstack.api.cfi.AmdCommandSet;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.media.FlashMedia;

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
 * chip erase ({@code AA 55 80 AA 55 10}); erase suspend ({@code B0}) and resume ({@code 30}), and
 * program suspend and resume where the part has it. Parts with advanced sector protection have a
 * persistent protection bit per sector ({@code AA 55 C0}: {@code A0} then {@code 00} at the sector
 * sets it, {@code 80 30} clears them all), the PPB lock that freezes them until power-up ({@code AA
 * 55 50}: {@code A0 00}), and a dynamic protection bit per sector cleared at power-up ({@code AA 55
 * E0}: {@code A0} then {@code 00} / {@code 01} at the sector); every mode is left with {@code 90
 * 00}. A sector is protected when either bit is; a program or erase of a protected sector (and any
 * on a read-only image, PPB programs and erases too) is ignored after a moment's busy, as the part
 * does. The PPBs are non-volatile: they survive power cycles and, kept with the media's {@link
 * org.flashstack.api.media.NonVolatileRecords}, restarts.
 *
 * <p>Status, read anywhere while the device is busy (DQ = data bit): DQ7 is the complement of bit 7
 * of the data being programmed (0 during an erase); DQ6 toggles at every read; DQ5 is set when the
 * operation failed (the device stays busy until reset); DQ3 is set once the erase window closed and
 * the erase began; DQ2 toggles on reads of a sector being erased (also while the erase is
 * suspended, when DQ6 stops toggling). Busy periods run on the emulated clock.
 */
public final class AmdCommandSetChip {

  /** Word addresses of the unlock cycles (byte mode doubles them). */
  public static final int UNLOCK1 = AmdCommandSet.UNLOCK1_ADDRESS;

  public static final int UNLOCK2 = AmdCommandSet.UNLOCK2_ADDRESS;

  /** The CFI query entry address (word mode). */
  public static final int QUERY_ENTRY = AmdCommandSet.CFI_QUERY_ADDRESS;

  /** The command address bits the part decodes (word addresses); the rest are don't-care. */
  public static final int COMMAND_ADDRESS_MASK = 0x7FF;

  static final int DQ7 = DQ7_DATA_POLLING;
  static final int DQ6 = DQ6_TOGGLE;
  static final int DQ5 = DQ5_EXCEEDED_TIMING_LIMITS;
  static final int DQ3 = DQ3_SECTOR_ERASE_TIMER;
  static final int DQ2 = DQ2_TOGGLE;
  static final int DQ1 = DQ1_WRITE_BUFFER_ABORT;

  /** The sector erase window: more sectors may be added this long after the last 30h. */
  public static final long ERASE_WINDOW_NANOS = 50_000;

  /**
   * The part's identity, times and optional features.
   *
   * @param manufacturer JEDEC manufacturer code (autoselect address 0)
   * @param deviceId device ID (autoselect address 1; 0x7E on the S29GL, which has two more)
   * @param deviceId2 second device ID word (autoselect 0x0E), 0 if none
   * @param deviceId3 third device ID word (autoselect 0x0F), 0 if none
   * @param wordProgramNanos typical word (byte) program time
   * @param sectorEraseNanos typical sector erase time
   * @param chipEraseNanos typical chip erase time
   * @param writeBufferBytes write buffer in bytes, 0 for a part without write-to-buffer
   * @param bufferProgramNanos typical full-buffer program time
   * @param programSuspend whether a program can be suspended ({@code B0}) and resumed ({@code 30})
   * @param advancedSectorProtection whether the part has persistent (PPB, with its lock) and
   *     dynamic (DYB) protection bits per sector, as the S29GL-S has
   */
  public record Part(
      int manufacturer,
      int deviceId,
      int deviceId2,
      int deviceId3,
      long wordProgramNanos,
      long sectorEraseNanos,
      long chipEraseNanos,
      int writeBufferBytes,
      long bufferProgramNanos,
      boolean programSuspend,
      boolean advancedSectorProtection) {}

  private enum Mode {
    READ_ARRAY,
    AUTOSELECT,
    QUERY,
    /** Persistent protection bit command set. */
    PPB,
    /** PPB lock bit command set. */
    PPB_LOCK,
    /** Dynamic protection bit command set. */
    DYB
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
    ABORT_UNLOCKED2,
    /** In a protection command set: {@code A0} given, the next cycle programs the bit. */
    PROTECTION_PROGRAM,
    /** In the PPB command set: {@code 80} given, {@code 30} erases every PPB. */
    PROTECTION_ERASE,
    /** In a protection command set: {@code 90} given, {@code 00} leaves it. */
    PROTECTION_EXIT
  }

  private enum Work {
    PROGRAM,
    ERASE,
    CHIP_ERASE,
    /** A refused program or erase (protected sector): busy a moment, then nothing changed. */
    REFUSED
  }

  /** The record holding the persistent protection bits (a bit per sector, sector 0 first). */
  static final String PPB_RECORD = "amd.ppb";

  /** How long a program or erase of a protected sector keeps the device busy. */
  static final long REFUSED_NANOS = 1_000;

  private final String name;
  private final ChipCells cells;
  private final EmulatedClock clock;
  private final Part part;
  private final boolean wordMode;
  private final byte[] query;
  private final List<Long> sectors = new ArrayList<>();
  private final Sectors layout;
  private final boolean[] persistentProtection;
  private final boolean[] dynamicProtection;

  private Mode mode = Mode.READ_ARRAY;
  private Cycle cycle = Cycle.IDLE;
  private boolean bypass;
  private boolean ppbLocked;
  private Work work;
  private long busyUntil;
  private long windowCloses;
  private int programmedBit7;
  private long programPage;
  private boolean failed;
  private boolean toggle6;
  private boolean toggle2;
  private boolean suspended;
  private boolean programSuspended;
  private long suspendedLeft;
  private long bufferSector;
  private long bufferPage;
  private int bufferLeft;
  private byte[] buffer;
  private int lastLoadedBit7;
  private String lastRefusal = "";

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
    this(name, ChipCells.whole(cells), clock, part, wordMode, query);
  }

  AmdCommandSetChip(
      String name,
      ChipCells cells,
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
    this.layout = new Sectors(cells.sectors());
    int count = layout.count();
    this.persistentProtection = new boolean[count];
    this.dynamicProtection = new boolean[count];
    byte[] stored = cells.records().read(PPB_RECORD);
    if (stored != null) {
      PackedBits.unpack(stored, persistentProtection);
    }
  }

  /** The PPBs are non-volatile cells: kept with the media's records, they survive restarts. */
  private void storePersistentProtection() {
    cells.records().write(PPB_RECORD, PackedBits.pack(persistentProtection));
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
    if (work != null
        && !failed
        && !suspended
        && !programSuspended
        && windowCloses == 0
        && now >= busyUntil) {
      work = null;
      sectors.clear();
    }
  }

  private void busyFor(long nanos) {
    busyUntil = clock.now() + nanos;
    clock.wakeAt(busyUntil);
  }

  /**
   * @return whether a program or erase is under way (or failed and waits for a reset)
   */
  public synchronized boolean isBusy() {
    settle();
    return work != null && !suspended && !programSuspended;
  }

  /**
   * @return why the last program or erase was ignored or failed, "" if none was since power-up
   */
  public synchronized String lastRefusal() {
    return lastRefusal;
  }

  /**
   * @return whether the sector holding device offset {@code offset} is protected (by its PPB or its
   *     DYB)
   */
  public synchronized boolean isProtected(long offset) {
    int sector = sectorIndex(offset);
    return persistentProtection[sector] || dynamicProtection[sector];
  }

  // ---- bus

  /** A bus read of one word (x16) or byte (x8) at {@code offset}. */
  public synchronized int read(long offset) {
    settle();
    if (aborted) {
      toggle6 = !toggle6;
      return DQ1 | (toggle6 ? DQ6 : 0) | ((~lastLoadedBit7) & DQ7);
    }
    if (programSuspended) {
      if (offset - offset % unit() == programPage || inPage(offset)) {
        return DQ7 & ~programmedBit7; // the suspended program's address: steady status
      }
    } else if (work != null && (!suspended || inErasingSector(offset))) {
      return status(offset);
    }
    return switch (mode) {
      case READ_ARRAY -> array(offset);
      case AUTOSELECT -> autoselect(offset);
      case QUERY -> queryByte(offset);
      case PPB -> persistentProtection[sectorIndex(offset)] ? 0 : 1;
      case PPB_LOCK -> ppbLocked ? 0 : 1;
      case DYB -> dynamicProtection[sectorIndex(offset)] ? 0 : 1;
    };
  }

  private boolean inPage(long offset) {
    return part.writeBufferBytes() > 0
        && buffer != null
        && offset >= bufferPage
        && offset < bufferPage + part.writeBufferBytes();
  }

  private int array(long offset) {
    byte[] data = new byte[unit()];
    cells.read(offset - offset % unit(), data);
    return wordMode ? (data[0] & 0xff) | (data[1] & 0xff) << 8 : data[0] & 0xff;
  }

  private int autoselect(long offset) {
    // autoselect and query addresses are word addresses; in byte mode A-1 is below them
    int address = (int) ((offset >>> 1) & 0xff);
    return switch (address) {
      case AUTOSELECT_MANUFACTURER -> part.manufacturer();
      case AUTOSELECT_DEVICE -> part.deviceId();
      case AUTOSELECT_SECTOR_PROTECTION ->
          isProtectedSector(offset) ? 1 : 0; // of the sector the address is in
      case AUTOSELECT_DEVICE_2 -> part.deviceId2();
      case AUTOSELECT_DEVICE_3 -> part.deviceId3();
      default -> 0;
    };
  }

  private boolean isProtectedSector(long offset) {
    int sector = sectorIndex(offset);
    return persistentProtection[sector] || dynamicProtection[sector];
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
    if (work == Work.PROGRAM || work == Work.REFUSED) {
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

  private int sectorIndex(long offset) {
    return layout.indexOf(offset);
  }

  private long sectorStart(long offset) {
    return layout.start(sectorIndex(offset));
  }

  private long sectorSize(long sector) {
    return layout.size(sectorIndex(sector));
  }

  /** A bus write of one word (x16) or byte (x8) at {@code offset}. */
  public synchronized void write(long offset, int value) {
    settle();
    int data = value & (wordMode ? 0xffff : 0xff);
    int command = data & 0xff;
    if (work != null && !suspended && !programSuspended) {
      busyWrite(offset, command);
      return;
    }
    if (aborted) {
      abortedWrite(offset, command);
      return;
    }
    if (mode == Mode.PPB || mode == Mode.PPB_LOCK || mode == Mode.DYB) {
      protectionWrite(offset, command);
      return;
    }
    switch (cycle) {
      case IDLE -> idle(offset, command);
      case UNLOCKED1 ->
          cycle = at(offset, UNLOCK2) && command == UNLOCK2_DATA ? Cycle.UNLOCKED2 : Cycle.IDLE;
      case UNLOCKED2 -> unlocked(offset, command);
      case PROGRAM, BYPASS_PROGRAM -> {
        cycle = Cycle.IDLE;
        program(offset, data);
      }
      case ERASE_SETUP ->
          cycle =
              at(offset, UNLOCK1) && command == UNLOCK1_DATA ? Cycle.ERASE_UNLOCKED1 : Cycle.IDLE;
      case ERASE_UNLOCKED1 ->
          cycle =
              at(offset, UNLOCK2) && command == UNLOCK2_DATA ? Cycle.ERASE_UNLOCKED2 : Cycle.IDLE;
      case ERASE_UNLOCKED2 -> {
        cycle = Cycle.IDLE;
        if (command == SECTOR_ERASE) {
          sectorErase(offset);
        } else if (command == CHIP_ERASE && at(offset, UNLOCK1)) {
          chipErase();
        }
      }
      case BYPASS_RESET -> {
        cycle = Cycle.IDLE;
        if (command == COMMAND_SET_EXIT) {
          bypass = false;
        }
      }
      case BUFFER_COUNT -> bufferCount(offset, data);
      case BUFFER_LOAD -> bufferLoad(offset, data);
      case BUFFER_CONFIRM -> bufferConfirm(offset, command);
      default -> cycle = Cycle.IDLE;
    }
  }

  // ---- sector protection

  private void protectionWrite(long offset, int command) {
    switch (cycle) {
      case PROTECTION_PROGRAM -> {
        cycle = Cycle.IDLE;
        int sector = sectorIndex(offset);
        switch (mode) {
          case PPB -> {
            if (command == PPB_PROGRAM_DATA && !ppbLocked && !cells.isReadOnly()) {
              persistentProtection[sector] = true;
              storePersistentProtection();
              work = Work.PROGRAM;
              programmedBit7 = 0;
              busyFor(part.wordProgramNanos());
            }
          }
          case PPB_LOCK -> {
            if (command == PPB_PROGRAM_DATA) {
              ppbLocked = true;
            }
          }
          case DYB -> {
            if (command == DYB_SET) {
              dynamicProtection[sector] = true;
            } else if (command == DYB_CLEAR) {
              dynamicProtection[sector] = false;
            }
          }
          default -> {}
        }
      }
      case PROTECTION_ERASE -> {
        cycle = Cycle.IDLE;
        if (command == PPB_ERASE_ALL && mode == Mode.PPB && !ppbLocked && !cells.isReadOnly()) {
          java.util.Arrays.fill(persistentProtection, false);
          storePersistentProtection();
          work = Work.ERASE;
          windowCloses = 0;
          busyFor(part.sectorEraseNanos());
        }
      }
      case PROTECTION_EXIT -> {
        cycle = Cycle.IDLE;
        if (command == COMMAND_SET_EXIT) {
          mode = Mode.READ_ARRAY;
        }
      }
      default -> {
        switch (command) {
          case PROGRAM -> cycle = Cycle.PROTECTION_PROGRAM;
          case ERASE_SETUP -> cycle = Cycle.PROTECTION_ERASE;
          case AUTOSELECT -> cycle = Cycle.PROTECTION_EXIT;
          default -> cycle = Cycle.IDLE;
        }
      }
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
    programPage = at;
    if (--bufferLeft == 0) {
      cycle = Cycle.BUFFER_CONFIRM;
    }
  }

  private void bufferConfirm(long offset, int command) {
    if (command != PROGRAM_BUFFER_TO_FLASH || sectorStart(offset) != bufferSector) {
      abort();
      return;
    }
    cycle = Cycle.IDLE;
    programmedBit7 = lastLoadedBit7;
    if (refused(bufferPage, "buffer program")) {
      return;
    }
    work = Work.PROGRAM;
    busyFor(part.bufferProgramNanos());
    programCells(bufferPage, buffer);
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
          cycle =
              at(offset, UNLOCK2) && command == UNLOCK2_DATA ? Cycle.ABORT_UNLOCKED2 : Cycle.IDLE;
      case ABORT_UNLOCKED2 -> {
        cycle = Cycle.IDLE;
        if (at(offset, UNLOCK1) && command == RESET) {
          aborted = false;
          mode = Mode.READ_ARRAY;
        }
      }
      default ->
          cycle =
              at(offset, UNLOCK1) && command == UNLOCK1_DATA ? Cycle.ABORT_UNLOCKED1 : Cycle.IDLE;
    }
  }

  private void idle(long offset, int command) {
    if (command == RESET) {
      mode = Mode.READ_ARRAY;
      return;
    }
    if (command == CFI_QUERY && at(offset, QUERY_ENTRY) && mode != Mode.QUERY) {
      mode = Mode.QUERY;
      return;
    }
    if (programSuspended && command == RESUME) {
      resumeProgram();
      return;
    }
    if (suspended && command == RESUME) {
      resume();
      return;
    }
    if (bypass) {
      switch (command) {
        case PROGRAM -> cycle = Cycle.BYPASS_PROGRAM;
        case ERASE_SETUP -> cycle = Cycle.ERASE_UNLOCKED2;
        case AUTOSELECT -> cycle = Cycle.BYPASS_RESET;
        default -> {}
      }
      return;
    }
    if (command == UNLOCK1_DATA && at(offset, UNLOCK1)) {
      cycle = Cycle.UNLOCKED1;
    }
  }

  private void unlocked(long offset, int command) {
    cycle = Cycle.IDLE;
    if (command == WRITE_TO_BUFFER) {
      if (!programSuspended) {
        bufferStart(offset); // at the sector, not at 0x555
      }
      return;
    }
    if (!at(offset, UNLOCK1)) {
      return;
    }
    switch (command) {
      case AUTOSELECT -> mode = Mode.AUTOSELECT;
      case PROGRAM -> {
        if (!programSuspended) {
          cycle = Cycle.PROGRAM;
        }
      }
      case ERASE_SETUP -> {
        if (!suspended && !programSuspended) {
          cycle = Cycle.ERASE_SETUP;
        }
      }
      case UNLOCK_BYPASS -> bypass = true;
      case RESET -> mode = Mode.READ_ARRAY;
      case PPB_ENTRY -> enterProtection(Mode.PPB);
      case PPB_LOCK_ENTRY -> enterProtection(Mode.PPB_LOCK);
      case DYB_ENTRY -> enterProtection(Mode.DYB);
      default -> {}
    }
  }

  private void enterProtection(Mode protection) {
    if (part.advancedSectorProtection() && !suspended && !programSuspended) {
      mode = protection;
    }
  }

  private void busyWrite(long offset, int command) {
    if (failed && command == RESET) {
      // after DQ5, a reset returns the device to reading the array
      failed = false;
      work = null;
      sectors.clear();
      windowCloses = 0;
      mode = Mode.READ_ARRAY;
      return;
    }
    if (work == Work.ERASE && windowCloses > 0 && command == SECTOR_ERASE) {
      long sector = sectorStart(offset);
      if (!sectors.contains(sector) && !refusedSector(sector)) {
        sectors.add(sector);
        eraseCells(sector);
        busyUntil += part.sectorEraseNanos();
      }
      windowCloses = clock.now() + ERASE_WINDOW_NANOS;
      clock.wakeAt(windowCloses);
      return;
    }
    if (command == SUSPEND && !failed) {
      if (work == Work.ERASE && mode != Mode.PPB) {
        suspended = true;
        suspendedLeft = Math.max(0, busyUntil - clock.now());
        windowCloses = 0;
      } else if (work == Work.PROGRAM && part.programSuspend() && mode == Mode.READ_ARRAY) {
        programSuspended = true;
        suspendedLeft = Math.max(0, busyUntil - clock.now());
      }
    }
    // anything else is ignored while busy
  }

  private void resume() {
    suspended = false;
    busyFor(suspendedLeft);
  }

  private void resumeProgram() {
    programSuspended = false;
    busyFor(suspendedLeft);
  }

  private void program(long offset, int data) {
    long at = offset - offset % unit();
    if (suspended && inErasingSector(at)) {
      lastRefusal = String.format("0x%x: program into the erase-suspended sector ignored", at);
      return;
    }
    byte[] bytes =
        wordMode ? new byte[] {(byte) data, (byte) (data >>> 8)} : new byte[] {(byte) data};
    programmedBit7 = data & DQ7;
    programPage = at;
    buffer = null;
    if (refused(at, "program")) {
      return;
    }
    work = Work.PROGRAM;
    busyFor(part.wordProgramNanos());
    programCells(at, bytes);
  }

  /**
   * Whether a program or erase at {@code offset} is ignored: its sector is protected or the image
   * is read-only. The part is busy for a moment and changes nothing.
   */
  private boolean refused(long offset, String what) {
    String reason =
        cells.isReadOnly()
            ? "the backing image is read-only"
            : isProtectedSector(offset) ? "its sector is protected" : null;
    if (reason == null) {
      return false;
    }
    lastRefusal = String.format("0x%x: %s ignored: %s", offset, what, reason);
    work = Work.REFUSED;
    windowCloses = 0;
    busyFor(REFUSED_NANOS);
    return true;
  }

  private boolean refusedSector(long sector) {
    if (cells.isReadOnly() || isProtectedSector(sector)) {
      lastRefusal =
          String.format(
              "0x%x: sector erase ignored: %s",
              sector,
              cells.isReadOnly() ? "the backing image is read-only" : "the sector is protected");
      return true;
    }
    return false;
  }

  private void programCells(long at, byte[] bytes) {
    cells.program(
        at,
        bytes,
        reason -> {
          // the part could not bring the cells to the data in its time: DQ5
          failed = true;
          lastRefusal = String.format("0x%x: program failed: %s", at, reason);
        });
  }

  private void sectorErase(long offset) {
    long sector = sectorStart(offset);
    sectors.clear();
    if (refusedSector(sector)) {
      // a lone protected sector: the erase ends after the window with nothing erased
      work = Work.REFUSED;
      windowCloses = 0;
      busyFor(ERASE_WINDOW_NANOS + REFUSED_NANOS);
      return;
    }
    work = Work.ERASE;
    sectors.add(sector);
    windowCloses = clock.now() + ERASE_WINDOW_NANOS;
    busyUntil = windowCloses + part.sectorEraseNanos();
    clock.wakeAt(windowCloses);
    eraseCells(sector);
  }

  private void eraseCells(long sector) {
    cells.erase(sector, sectorSize(sector), this::eraseFailed);
  }

  /** The cells did not erase: DQ5 until reset. */
  private void eraseFailed(String reason) {
    failed = true;
    lastRefusal = "erase failed: " + reason;
  }

  private void chipErase() {
    if (cells.isReadOnly()) {
      refused(0, "chip erase");
      return;
    }
    work = Work.CHIP_ERASE;
    windowCloses = 0;
    busyFor(part.chipEraseNanos());
    Set<Integer> kept = new HashSet<>();
    for (int i = 0; i < layout.count(); i++) {
      if (isProtectedSector(layout.start(i))) {
        kept.add(i); // chip erase skips protected sectors
      }
    }
    if (kept.isEmpty()) {
      cells.erase(0, cells.size(), this::eraseFailed);
    } else {
      for (int i = 0; i < layout.count(); i++) {
        if (!kept.contains(i)) {
          cells.erase(layout.start(i), layout.size(i), this::eraseFailed);
        }
      }
    }
  }

  /**
   * Power-up: read array, no command under way, dynamic protection cleared and the PPB lock open
   * (the cells and the persistent protection bits keep what they have).
   */
  public synchronized void powerUp() {
    mode = Mode.READ_ARRAY;
    cycle = Cycle.IDLE;
    bypass = false;
    work = null;
    failed = false;
    suspended = false;
    programSuspended = false;
    aborted = false;
    windowCloses = 0;
    sectors.clear();
    buffer = null;
    ppbLocked = false;
    java.util.Arrays.fill(dynamicProtection, false);
    lastRefusal = "";
  }

  @Override
  public String toString() {
    return name + ": AMD command set " + (wordMode ? "x16" : "x8");
  }
}
