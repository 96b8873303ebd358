package org.flashstack.hw.opentitan.spihost;

import static org.flashstack.api.opentitan.SpiHostRegisters.*;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntFunction;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioSession;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.api.spi.SpiTarget;

/**
 * The OpenTitan SPI_HOST as its registers show it (hw/ip/spi_host: registers.md and the theory of
 * operation): a command FIFO of 4 segments that snapshot CONFIGOPTS and CSID, a TX FIFO of 72 words
 * with byte enables, an RX FIFO of 64 words, little-endian byte order, the STATUS bits, the
 * latching errors that halt the controller until ERROR_STATUS is cleared, and the error and
 * spi_event interrupts.
 *
 * <p>Segments run on the chips of its SPI bus ({@link SpiTarget}s by chip select; an absent chip
 * reads as a floating bus, 0xff) and take time on the emulated clock: one SCK period is {@code 2 *
 * (CLKDIV + 1)} core clock periods, a byte takes 8, 4 or 2 of them at standard, dual or quad speed
 * and a dummy segment {@code LEN + 1}; CS# lead, trail and idle times count in half SCK periods. A
 * segment stalls (TXSTALL, RXSTALL) while its FIFO has no data or room, with CS# held and no time
 * spent. A segment with CSAAT keeps CS# asserted into the next one; a next segment for another chip
 * select or with other options ends the transaction first. A partial RX word at a segment's end is
 * zero-padded. The controller works only with SPIEN set; OUTPUT_EN clear keeps its pins idle (the
 * chips see nothing, received bytes read 0xff); SW_RST empties the FIFOs and stops the segment in
 * progress.
 *
 * <p>COMMAND is decoded in the v3 layout, or v2 by configuration. Registers take 32-bit aligned
 * accesses; TXDATA also bytes and halfwords (each a FIFO word), RXDATA only words. Thread-safe.
 */
public final class OpenTitanSpiHost implements MmioBus {

  /** The COMMAND register's layout. */
  public enum CommandLayout {
    /** LEN 8:0, CSAAT 9, SPEED 11:10, DIRECTION 13:12. */
    V2,
    /** CSAAT 0, SPEED 2:1, DIRECTION 4:3, LEN 24:5. */
    V3
  }

  /** One queued segment: COMMAND with the CONFIGOPTS and CSID it was written under. */
  private record Segment(
      int configopts,
      int csid,
      int direction,
      int speed,
      boolean csaat,
      int length,
      long queuedAt) {}

  private final String name;
  private final int chipSelects;
  private final CommandLayout layout;
  private final long corePeriodPicos;
  private final EmulatedClock clock;
  private final IntFunction<SpiTarget> bus;
  private final boolean dmaChannel;

  private int intrState;
  private int intrEnable;
  private int control = CONTROL_RESET;
  private int configopts;
  private int csid;
  private int errorEnable = ERROR_ENABLE_RESET;
  private int errorStatus;
  private int eventEnable;

  private final int[] txWords = new int[TX_FIFO_WORDS];
  private final int[] txCounts = new int[TX_FIFO_WORDS];
  private int txHead;
  private int txSize;
  private int txUsedOfHead;

  /**
   * The RX FIFO as the byte stream it holds: words are four bytes each, least significant first.
   */
  private final byte[] rxBytes = new byte[RX_FIFO_BYTES];

  /** Where the oldest RX word starts; always a word boundary. */
  private int rxHead;

  /** Bytes in the RX FIFO, including those of a word still being filled (not yet visible). */
  private int rxCount;

  private final ArrayDeque<Segment> commands = new ArrayDeque<>();

  private Segment current;
  private long segmentStart;
  private int done;
  private boolean txStall;
  private boolean rxStall;
  private int selectedCs = -1;
  private int selectedOptions;
  private SpiTarget selected;
  private long busFreeAt;
  private long segmentsRun;
  private long announced = -1;

  /** The DMA channel's destination while it drains RXDATA, else null. */
  private byte[] dmaSink;

  private int dmaAt;
  private int dmaWordsLeft;

  private static final int RX_FIFO_BYTES = RX_FIFO_WORDS * 4;

  /**
   * @param name the device name
   * @param chipSelects how many chip selects (NumCS), 1 to 32
   * @param layout the COMMAND layout
   * @param coreClockHertz the peripheral clock CLKDIV divides
   * @param clock the emulated clock, or null for segments that complete at once
   * @param bus the chip on each chip select, or null where none is wired
   */
  public OpenTitanSpiHost(
      String name,
      int chipSelects,
      CommandLayout layout,
      long coreClockHertz,
      EmulatedClock clock,
      IntFunction<SpiTarget> bus) {
    this(name, chipSelects, layout, coreClockHertz, clock, bus, true);
  }

  /**
   * @param name the device name
   * @param chipSelects how many chip selects (NumCS), 1 to 32
   * @param layout the COMMAND layout
   * @param coreClockHertz the peripheral clock CLKDIV divides
   * @param clock the emulated clock, or null for segments that complete at once
   * @param bus the chip on each chip select, or null where none is wired
   * @param dmaChannel whether a DMA channel in hardware-handshake mode is wired to RXDATA ({@link
   *     #readDma})
   */
  public OpenTitanSpiHost(
      String name,
      int chipSelects,
      CommandLayout layout,
      long coreClockHertz,
      EmulatedClock clock,
      IntFunction<SpiTarget> bus,
      boolean dmaChannel) {
    this.dmaChannel = dmaChannel;
    this.name = Objects.requireNonNull(name, "name");
    if (chipSelects < 1 || chipSelects > 32) {
      throw new IllegalArgumentException(name + ": NumCS is 1 to 32, not " + chipSelects);
    }
    if (coreClockHertz < 1_000_000 || coreClockHertz > 1_000_000_000) {
      throw new IllegalArgumentException(
          name + ": the core clock is 1 MHz to 1 GHz, not " + coreClockHertz + " Hz");
    }
    this.chipSelects = chipSelects;
    this.layout = Objects.requireNonNull(layout, "layout");
    this.corePeriodPicos = 1_000_000_000_000L / coreClockHertz;
    this.clock = clock;
    this.bus = Objects.requireNonNull(bus, "bus");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return WINDOW_SIZE;
  }

  /**
   * @return how many chip selects the controller has
   */
  public int chipSelects() {
    return chipSelects;
  }

  /**
   * @return the error interrupt line: INTR_STATE.error and INTR_ENABLE.error
   */
  public synchronized boolean errorInterrupt() {
    advance();
    return (intrState & intrEnable & INTR_ERROR) != 0;
  }

  /**
   * @return the spi_event interrupt line: an enabled event condition and INTR_ENABLE.spi_event
   */
  public synchronized boolean eventInterrupt() {
    advance();
    return spiEvent() && (intrEnable & INTR_SPI_EVENT) != 0;
  }

  /**
   * @return how many segments have run to their end
   */
  public synchronized long segmentsRun() {
    return segmentsRun;
  }

  /** Power-up: every register at its reset value, FIFOs empty, CS# released. */
  public synchronized void powerUpReset() {
    release();
    resetDatapath();
    intrState = 0;
    intrEnable = 0;
    control = CONTROL_RESET;
    configopts = 0;
    csid = 0;
    errorEnable = ERROR_ENABLE_RESET;
    errorStatus = 0;
    eventEnable = 0;
  }

  private void resetDatapath() {
    release();
    commands.clear();
    current = null;
    txHead = 0;
    txSize = 0;
    txUsedOfHead = 0;
    rxHead = 0;
    rxCount = 0;
    txStall = false;
    rxStall = false;
  }

  // ---- register accesses ----------------------------------------------------------------------

  @Override
  public synchronized long read(long offset, int width) {
    check(offset, width, false);
    advance();
    int value =
        switch ((int) offset) {
          case INTR_STATE -> (intrState & INTR_ERROR) | (spiEvent() ? INTR_SPI_EVENT : 0);
          case INTR_ENABLE -> intrEnable;
          case CONTROL -> control;
          case STATUS -> status();
          case CONFIGOPTS -> configopts;
          case CSID -> csid;
          case RXDATA -> popRx();
          case ERROR_ENABLE -> errorEnable;
          case ERROR_STATUS -> errorStatus;
          case EVENT_ENABLE -> eventEnable;
          default -> 0;
        };
    return value & 0xffffffffL;
  }

  @Override
  public synchronized void write(long offset, int width, long value) {
    check(offset, width, true);
    advance();
    int word = (int) value;
    switch ((int) offset) {
      case INTR_STATE -> {
        intrState &= ~(word & INTR_ERROR);
        reassertError();
      }
      case INTR_ENABLE -> intrEnable = word & (INTR_ERROR | INTR_SPI_EVENT);
      case INTR_TEST -> intrState |= word & INTR_ERROR;
      case CONTROL -> {
        control = word & (0xffff | CONTROL_OUTPUT_EN | CONTROL_SW_RST | CONTROL_SPIEN);
        if ((control & CONTROL_SW_RST) != 0) {
          resetDatapath();
        }
      }
      case CONFIGOPTS -> configopts = word;
      case CSID -> csid = word;
      case COMMAND -> command(word);
      case ERROR_ENABLE -> errorEnable = word & ERROR_ENABLE_RESET;
      case ERROR_STATUS -> {
        errorStatus &= ~word;
        reassertError();
      }
      case EVENT_ENABLE -> eventEnable = word & 0x3f;
      default -> {
        if (offset >= TXDATA && offset < TXDATA + 4) {
          pushTx((int) (offset - TXDATA), width, word);
        }
      }
    }
    advance();
  }

  /**
   * Successive words of the register window, as a word-wise copy from I/O memory would read them; a
   * range that is not whole words is refused. RXDATA is drained with {@link #readRepeated}.
   */
  @Override
  public synchronized void readBulk(
      long offset, byte[] destination, int destinationOffset, int length) {
    Objects.checkFromIndexSize(destinationOffset, length, destination.length);
    if (offset % 4 != 0 || length % 4 != 0 || offset < 0 || offset + length > WINDOW_SIZE) {
      throw new MmioAccessException(
          String.format(
              "%s: bulk reads of the registers are whole aligned words; not %d bytes at 0x%x",
              name, length, offset));
    }
    for (int i = 0; i < length; i += 4) {
      int word = (int) read(offset + i, 4);
      for (int b = 0; b < 4; b++) {
        destination[destinationOffset + i + b] = (byte) (word >>> (8 * b));
      }
    }
  }

  /**
   * A burst of RXDATA word reads served from the FIFO at once; reading more words than it holds
   * raises UNDERFLOW and yields zero words, as that many single reads would. Other registers are
   * read one access at a time.
   */
  @Override
  public synchronized void readRepeated(
      long offset, int width, byte[] destination, int destinationOffset, int count) {
    if (offset != RXDATA) {
      MmioBus.super.readRepeated(offset, width, destination, destinationOffset, count);
      return;
    }
    check(offset, width, false);
    Objects.checkFromIndexSize(destinationOffset, Math.multiplyExact(count, 4), destination.length);
    advance();
    int words = Math.min(count, rxCount >>> 2);
    takeRx(destination, destinationOffset, words * 4);
    if (words < count) {
      Arrays.fill(
          destination, destinationOffset + words * 4, destinationOffset + count * 4, (byte) 0);
      raise(ERROR_UNDERFLOW);
    }
    advance();
  }

  /** RXDATA has a DMA request line (the RX FIFO holding a word) where a channel is wired. */
  @Override
  public boolean dmaHandshake(long offset) {
    return dmaChannel && offset == RXDATA;
  }

  /**
   * A DMA channel draining RXDATA as the RX FIFO fills, so a receive segment never stalls for room;
   * words the FIFO would hold only between two requests go straight to the destination. It stops
   * when the words are moved, the controller halts (error, SPIEN clear, SW_RST), nothing queued
   * will receive more, or the timeout passes on the emulated clock.
   */
  @Override
  public synchronized int readDma(
      long offset,
      int width,
      byte[] destination,
      int destinationOffset,
      int count,
      long timeoutNanos) {
    if (!dmaHandshake(offset)) {
      MmioBus.super.readDma(offset, width, destination, destinationOffset, count, timeoutNanos);
    }
    check(offset, width, false);
    Objects.checkFromIndexSize(destinationOffset, Math.multiplyExact(count, 4), destination.length);
    long deadline = now() + Math.max(0, timeoutNanos);
    dmaSink = destination;
    dmaAt = destinationOffset;
    dmaWordsLeft = count;
    try {
      while (true) {
        advance();
        int words = Math.min(dmaWordsLeft, rxWords());
        takeRx(destination, dmaAt, words * 4);
        dmaAt += words * 4;
        dmaWordsLeft -= words;
        if (dmaWordsLeft == 0 || clock == null || halted() || !willReceive()) {
          break;
        }
        long left = deadline - now();
        if (left <= 0) {
          break;
        }
        clock.pause(left);
      }
      return count - dmaWordsLeft;
    } finally {
      dmaSink = null;
      advance();
    }
  }

  private boolean halted() {
    return (control & CONTROL_SPIEN) == 0 || (control & CONTROL_SW_RST) != 0 || errorStatus != 0;
  }

  /** Whether the segment in progress or one queued receives. */
  private boolean willReceive() {
    if (current != null && receives(current)) {
      return true;
    }
    for (Segment segment : commands) {
      if (receives(segment)) {
        return true;
      }
    }
    return false;
  }

  private void takeRx(byte[] destination, int at, int bytes) {
    int first = Math.min(bytes, RX_FIFO_BYTES - rxHead);
    System.arraycopy(rxBytes, rxHead, destination, at, first);
    System.arraycopy(rxBytes, 0, destination, at + first, bytes - first);
    rxHead = (rxHead + bytes) % RX_FIFO_BYTES;
    rxCount -= bytes;
  }

  @Override
  public <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X {
    synchronized (this) {
      return session.run(this);
    }
  }

  private void check(long offset, int width, boolean write) {
    boolean tx = write && offset >= TXDATA && offset < TXDATA + 4;
    boolean ok =
        tx
            ? (width == 1 || width == 2 || width == 4) && (offset - TXDATA) % width == 0
            : width == 4 && offset % 4 == 0 && offset >= 0 && offset < WINDOW_SIZE;
    if (!ok) {
      throw new MmioAccessException(
          String.format(
              "%s: %d-byte %s at 0x%x is not an SPI_HOST register access",
              name, width, write ? "write" : "read", offset));
    }
  }

  private void command(int word) {
    int direction;
    int speed;
    boolean csaat;
    int length;
    if (layout == CommandLayout.V3) {
      csaat = (word & COMMAND_V3_CSAAT) != 0;
      speed = (word >>> COMMAND_V3_SPEED_SHIFT) & 0b11;
      direction = (word >>> COMMAND_V3_DIRECTION_SHIFT) & 0b11;
      length = ((word >>> COMMAND_V3_LEN_SHIFT) & COMMAND_V3_LEN_MASK) + 1;
    } else {
      length = (word & COMMAND_V2_LEN_MASK) + 1;
      csaat = (word & COMMAND_V2_CSAAT) != 0;
      speed = (word >>> COMMAND_V2_SPEED_SHIFT) & 0b11;
      direction = (word >>> COMMAND_V2_DIRECTION_SHIFT) & 0b11;
    }
    if (commands.size() >= COMMAND_FIFO_DEPTH) {
      raise(ERROR_CMDBUSY);
      return;
    }
    if (speed == 3 || (direction == DIRECTION_BIDIR && speed != SPEED_STANDARD)) {
      raise(ERROR_CMDINVAL);
      return;
    }
    if (Integer.compareUnsigned(csid, chipSelects) >= 0) {
      raise(ERROR_CSIDINVAL);
      return;
    }
    commands.add(new Segment(configopts, csid, direction, speed, csaat, length, now()));
  }

  private void pushTx(int lane, int width, int word) {
    if (txSize == TX_FIFO_WORDS) {
      raise(ERROR_OVERFLOW);
      return;
    }
    int index = (txHead + txSize) % TX_FIFO_WORDS;
    int mask = width == 4 ? -1 : (1 << (8 * width)) - 1;
    txWords[index] = (word >>> (8 * lane)) & mask;
    txCounts[index] = width;
    txSize++;
  }

  private int popRx() {
    if (rxCount < 4) {
      raise(ERROR_UNDERFLOW);
      return 0;
    }
    int word = 0;
    for (int b = 0; b < 4; b++) {
      word |= (rxBytes[rxHead + b] & 0xff) << (8 * b);
    }
    rxHead = (rxHead + 4) % RX_FIFO_BYTES;
    rxCount -= 4;
    return word;
  }

  /** Whole words the RX FIFO holds (RXQD). */
  private int rxWords() {
    return rxCount >>> 2;
  }

  /** Bytes received data can still go to: the RX FIFO, and a DMA channel keeping it drained. */
  private int rxSpace() {
    return rxRoom() + (dmaSink != null && rxCount == 0 ? dmaWordsLeft * 4 : 0);
  }

  /** Bytes the RX FIFO can still take. */
  private int rxRoom() {
    return RX_FIFO_BYTES - rxCount;
  }

  private void raise(int error) {
    errorStatus |= error;
    reassertError();
  }

  private void reassertError() {
    if ((errorStatus & (errorEnable | ERROR_ACCESSINVAL)) != 0) {
      intrState |= INTR_ERROR;
    }
  }

  private int txQueuedWords() {
    return txSize;
  }

  private int status() {
    int txqd = txQueuedWords();
    int status = Math.min(txqd, 0xff) << STATUS_TXQD_SHIFT;
    int rxSize = rxWords();
    status |= rxSize << STATUS_RXQD_SHIFT;
    status |= commands.size() << STATUS_CMDQD_SHIFT;
    if (rxSize >= ((control >>> CONTROL_RX_WATERMARK_SHIFT) & 0xff)) {
      status |= STATUS_RXWM;
    }
    status |= STATUS_BYTEORDER;
    if (rxStall) {
      status |= STATUS_RXSTALL;
    }
    if (rxSize == 0) {
      status |= STATUS_RXEMPTY;
    }
    if (rxSize == RX_FIFO_WORDS) {
      status |= STATUS_RXFULL;
    }
    if (txqd < ((control >>> CONTROL_TX_WATERMARK_SHIFT) & 0xff)) {
      status |= STATUS_TXWM;
    }
    if (txStall) {
      status |= STATUS_TXSTALL;
    }
    if (txqd == 0) {
      status |= STATUS_TXEMPTY;
    }
    if (txqd == TX_FIFO_WORDS) {
      status |= STATUS_TXFULL;
    }
    if (current != null || !commands.isEmpty()) {
      status |= STATUS_ACTIVE;
    }
    if (commands.size() < COMMAND_FIFO_DEPTH) {
      status |= STATUS_READY;
    }
    return status;
  }

  private boolean spiEvent() {
    int status = status();
    int conditions = 0;
    conditions |= (status & STATUS_RXFULL) != 0 ? EVENT_RXFULL : 0;
    conditions |= (status & STATUS_TXEMPTY) != 0 ? EVENT_TXEMPTY : 0;
    conditions |= (status & STATUS_RXWM) != 0 ? EVENT_RXWM : 0;
    conditions |= (status & STATUS_TXWM) != 0 ? EVENT_TXWM : 0;
    conditions |= (status & STATUS_READY) != 0 ? EVENT_READY : 0;
    conditions |= (status & STATUS_ACTIVE) == 0 ? EVENT_IDLE : 0;
    return (conditions & eventEnable) != 0;
  }

  // ---- the segment engine ---------------------------------------------------------------------

  private long now() {
    return clock == null ? 0 : clock.now();
  }

  /** SCK period in picoseconds for a CONFIGOPTS value. */
  private long sckPicos(int options) {
    return 2L * ((options & CONFIGOPTS_CLKDIV_MASK) + 1) * corePeriodPicos;
  }

  /** Nanoseconds one unit (byte, or clock of a dummy segment) takes. */
  private long unitNanos(Segment segment) {
    long clocks = segment.direction() == DIRECTION_DUMMY ? 1 : 8 / lanes(segment.speed()).width();
    return Math.max(1, clocks * sckPicos(segment.configopts()) / 1000);
  }

  private static SpiLanes lanes(int speed) {
    return switch (speed) {
      case SPEED_DUAL -> SpiLanes.DUAL;
      case SPEED_QUAD -> SpiLanes.QUAD;
      default -> SpiLanes.SINGLE;
    };
  }

  private long halfCycles(int options, int shift) {
    return (((options >>> shift) & 0xf) + 1) * sckPicos(options) / 2000;
  }

  private void advance() {
    if (halted()) {
      return;
    }
    long now = now();
    while (true) {
      if (current == null) {
        txStall = false;
        rxStall = false;
        Segment next = commands.poll();
        if (next == null) {
          return;
        }
        start(next);
      }
      long unit = unitNanos(current);
      long due =
          clock == null
              ? current.length()
              : Math.min(current.length(), Math.max(0, (now - segmentStart) / unit));
      int want = (int) (due - done);
      txStall = sends(current) && txBytesAvailable() == 0;
      rxStall = receives(current) && rxSpace() == 0;
      if (want > 0) {
        int n = want;
        if (sends(current)) {
          int available = txBytesAvailable();
          if (available < n) {
            n = available;
            txStall = true;
          }
        }
        if (receives(current)) {
          int room = rxSpace();
          if (room < n) {
            n = room;
            rxStall = true;
          }
        }
        if (n > 0) {
          clock(n);
          done += n;
        }
        txStall = sends(current) && done < current.length() && txBytesAvailable() == 0;
        rxStall = receives(current) && done < current.length() && rxSpace() == 0;
        if (txStall || rxStall) {
          segmentStart = now - done * unit;
        }
      }
      if (done < current.length()) {
        if (clock != null && !txStall && !rxStall) {
          int limit = current.length() - done;
          if (receives(current)) {
            limit = Math.min(limit, Math.max(1, rxSpace()));
          }
          if (sends(current)) {
            limit = Math.min(limit, Math.max(1, txBytesAvailable()));
          }
          announce(segmentStart + (done + limit) * unit);
        }
        return;
      }
      finish(now);
    }
  }

  private static boolean sends(Segment segment) {
    return segment.direction() == DIRECTION_TX || segment.direction() == DIRECTION_BIDIR;
  }

  private static boolean receives(Segment segment) {
    return segment.direction() == DIRECTION_RX || segment.direction() == DIRECTION_BIDIR;
  }

  private int txBytesAvailable() {
    int bytes = -txUsedOfHead;
    for (int i = 0; i < txSize; i++) {
      bytes += txCounts[(txHead + i) % TX_FIFO_WORDS];
    }
    return bytes;
  }

  private void start(Segment segment) {
    if (selectedCs >= 0
        && (selectedCs != segment.csid() || selectedOptions != segment.configopts())) {
      release();
    }
    long begin = Math.max(segment.queuedAt(), busFreeAt);
    if (selectedCs < 0) {
      selectedCs = segment.csid();
      selectedOptions = segment.configopts();
      selected = (control & CONTROL_OUTPUT_EN) != 0 ? bus.apply(segment.csid()) : null;
      if (selected != null) {
        selected.select();
      }
      begin += halfCycles(segment.configopts(), CONFIGOPTS_CSNLEAD_SHIFT);
    }
    current = segment;
    segmentStart = begin;
    done = 0;
  }

  private void finish(long now) {
    int partial = rxCount & 3;
    if (receives(current) && partial > 0) {
      fillRx((byte) 0, 4 - partial);
    }
    if (sends(current) && txUsedOfHead > 0) {
      txHead = (txHead + 1) % TX_FIFO_WORDS;
      txSize--;
      txUsedOfHead = 0;
    }
    long end = segmentStart + current.length() * unitNanos(current);
    segmentsRun++;
    boolean hold = current.csaat();
    int options = current.configopts();
    current = null;
    if (!hold) {
      release();
      busFreeAt =
          end
              + halfCycles(options, CONFIGOPTS_CSNTRAIL_SHIFT)
              + halfCycles(options, CONFIGOPTS_CSNIDLE_SHIFT);
    } else {
      busFreeAt = end;
    }
    if (clock != null && busFreeAt > now) {
      announce(busFreeAt);
    }
  }

  private void release() {
    if (selectedCs >= 0 && selected != null) {
      selected.deselect();
    }
    selected = null;
    selectedCs = -1;
  }

  /** Clocks {@code n} units of the current segment on the selected chip. */
  private void clock(int n) {
    Segment segment = current;
    SpiLanes lanes = lanes(segment.speed());
    switch (segment.direction()) {
      case DIRECTION_DUMMY -> {
        if (selected != null) {
          selected.dummy(n);
        }
      }
      case DIRECTION_TX -> {
        byte[] out = takeTx(n);
        if (selected != null) {
          selected.transmit(out, 0, n, lanes);
        }
      }
      case DIRECTION_RX -> {
        int direct = dmaSink != null && rxCount == 0 ? Math.min(n & ~3, dmaWordsLeft * 4) : 0;
        if (direct > 0) {
          if (selected == null) {
            Arrays.fill(dmaSink, dmaAt, dmaAt + direct, (byte) 0xff);
          } else {
            selected.receive(dmaSink, dmaAt, direct, lanes);
          }
          dmaAt += direct;
          dmaWordsLeft -= direct / 4;
          n -= direct;
        }
        if (n == 0) {
          return;
        }
        if (selected == null) {
          fillRx((byte) 0xff, n);
        } else {
          int tail = (rxHead + rxCount) % RX_FIFO_BYTES;
          int first = Math.min(n, RX_FIFO_BYTES - tail);
          selected.receive(rxBytes, tail, first, lanes);
          if (first < n) {
            selected.receive(rxBytes, 0, n - first, lanes);
          }
          rxCount += n;
        }
      }
      default -> {
        byte[] out = takeTx(n);
        byte[] in = new byte[n];
        if (selected != null) {
          selected.exchange(out, 0, in, 0, n);
        } else {
          Arrays.fill(in, (byte) 0xff);
        }
        putRx(in);
      }
    }
  }

  private byte[] takeTx(int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (txWords[txHead] >>> (8 * txUsedOfHead));
      txUsedOfHead++;
      if (txUsedOfHead == txCounts[txHead]) {
        txHead = (txHead + 1) % TX_FIFO_WORDS;
        txSize--;
        txUsedOfHead = 0;
      }
    }
    return out;
  }

  private void putRx(byte[] in) {
    int tail = (rxHead + rxCount) % RX_FIFO_BYTES;
    int first = Math.min(in.length, RX_FIFO_BYTES - tail);
    System.arraycopy(in, 0, rxBytes, tail, first);
    System.arraycopy(in, first, rxBytes, 0, in.length - first);
    rxCount += in.length;
  }

  private void fillRx(byte value, int n) {
    int tail = (rxHead + rxCount) % RX_FIFO_BYTES;
    int first = Math.min(n, RX_FIFO_BYTES - tail);
    Arrays.fill(rxBytes, tail, tail + first, value);
    Arrays.fill(rxBytes, 0, n - first, value);
    rxCount += n;
  }

  /** Tells the clock when the datapath next changes, once per instant. */
  private void announce(long instant) {
    if (instant != announced) {
      clock.wakeAt(instant);
      announced = instant;
    }
  }

  @Override
  public String toString() {
    return String.format(
        "%s: OpenTitan SPI_HOST, %d chip select(s), COMMAND %s layout", name, chipSelects, layout);
  }
}
