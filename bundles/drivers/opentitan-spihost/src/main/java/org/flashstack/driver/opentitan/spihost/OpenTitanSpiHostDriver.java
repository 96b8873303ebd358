package org.flashstack.driver.opentitan.spihost;

import static org.flashstack.api.opentitan.SpiHostRegisters.*;

import java.util.List;
import java.util.Objects;
import org.flashstack.api.clock.Deadline;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.PowerLossException;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioClaim;
import org.flashstack.api.spi.SpiException;
import org.flashstack.api.spi.SpiMaster;
import org.flashstack.api.spi.SpiSegment;
import org.flashstack.api.spi.SpiSettings;

/**
 * An {@link SpiMaster} on an OpenTitan SPI_HOST, through its registers only: CONFIGOPTS from the
 * chip select's settings (CLKDIV rounded so the clock is not faster than asked, CPOL/CPHA, CS#
 * timing), CSID, one COMMAND per segment (longer segments split, CSAAT holding CS# between them),
 * TXDATA fed and RXDATA drained as the FIFO levels allow (a receive segment of {@link
 * #DMA_THRESHOLD} bytes or more by a DMA channel paced by the RX FIFO, where the registers offer
 * one), completion by polling STATUS on the emulated clock. An error the controller latches, or a
 * transfer that does not finish in time, ends the transaction with a specific {@link SpiException},
 * and the controller is recovered with SW_RST and its errors cleared, so the next transaction
 * starts clean. One transaction at a time.
 */
public final class OpenTitanSpiHostDriver implements SpiMaster {

  /** The longest segment one v3 COMMAND carries. */
  private static final int MAX_SEGMENT = 1 << 20;

  /** A transfer may take this many times its nominal time before it is a timeout. */
  private static final int TIME_MARGIN = 8;

  private static final long MINIMUM_TIMEOUT_NANOS = 10_000_000;

  /** Receive segments this long or longer go by DMA where the controller offers it. */
  static final int DMA_THRESHOLD = RX_FIFO_WORDS * 4;

  private final String bus;
  private final MmioBus registers;
  private final EmulatedClock clock;
  private final int chipSelects;
  private final long coreClockHertz;
  private final int maxSegment;
  private final boolean v2;
  private final boolean dma;

  /**
   * @param bus the bus name the controller drives
   * @param registers the controller's registers (a claim)
   * @param clock the emulated clock
   * @param chipSelects how many chip selects the controller has
   * @param coreClockHertz the controller's core clock, which CLKDIV divides
   * @param v2Command whether COMMAND has the v2 layout (LEN 9 bits)
   */
  public OpenTitanSpiHostDriver(
      String bus,
      MmioBus registers,
      EmulatedClock clock,
      int chipSelects,
      long coreClockHertz,
      boolean v2Command) {
    this(bus, registers, clock, chipSelects, coreClockHertz, v2Command, true);
  }

  /**
   * @param bus the bus name the controller drives
   * @param registers the controller's registers (a claim)
   * @param clock the emulated clock
   * @param chipSelects how many chip selects the controller has
   * @param coreClockHertz the controller's core clock, which CLKDIV divides
   * @param v2Command whether COMMAND has the v2 layout (LEN 9 bits)
   * @param dma whether long receive segments drain RXDATA by a DMA channel in hardware-handshake
   *     mode where the registers offer one ({@link MmioBus#dmaHandshake}); otherwise, and for
   *     everything else, the processor moves the FIFOs by their levels
   */
  public OpenTitanSpiHostDriver(
      String bus,
      MmioBus registers,
      EmulatedClock clock,
      int chipSelects,
      long coreClockHertz,
      boolean v2Command,
      boolean dma) {
    this.dma = dma;
    this.bus = Objects.requireNonNull(bus, "bus");
    this.registers = Objects.requireNonNull(registers, "registers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.chipSelects = chipSelects;
    this.coreClockHertz = coreClockHertz;
    this.maxSegment = v2Command ? COMMAND_V2_LEN_MASK + 1 : MAX_SEGMENT;
    this.v2 = v2Command;
  }

  @Override
  public String bus() {
    return bus;
  }

  @Override
  public int chipSelects() {
    return chipSelects;
  }

  /** Brings the controller to a known state: reset, errors cleared, enabled, outputs on. */
  public synchronized void initialize() throws SpiException {
    recover();
  }

  /**
   * @return the CLKDIV that gives the fastest SCK not faster than {@code hertz}
   */
  public static int clockDivider(long coreClockHertz, long hertz) {
    long divider = (coreClockHertz + 2 * hertz - 1) / (2 * hertz) - 1;
    return (int) Math.max(0, Math.min(CONFIGOPTS_CLKDIV_MASK, divider));
  }

  @Override
  public synchronized void transfer(int chipSelect, SpiSettings settings, List<SpiSegment> segments)
      throws SpiException {
    if (chipSelect < 0 || chipSelect >= chipSelects) {
      throw new SpiException(
          SpiException.Reason.INVALID_REQUEST,
          String.format(
              "%s: chip select %d does not exist (the controller has %d)",
              bus, chipSelect, chipSelects));
    }
    if (segments.isEmpty()) {
      throw new SpiException(
          SpiException.Reason.INVALID_REQUEST, bus + ": a transaction needs a segment");
    }
    int divider = clockDivider(coreClockHertz, settings.clockHertz());
    int options =
        divider
            | settings.csIdleHalfCycles() << CONFIGOPTS_CSNIDLE_SHIFT
            | settings.csTrailHalfCycles() << CONFIGOPTS_CSNTRAIL_SHIFT
            | settings.csLeadHalfCycles() << CONFIGOPTS_CSNLEAD_SHIFT
            | ((settings.mode() & 1) != 0 ? CONFIGOPTS_CPHA : 0)
            | ((settings.mode() & 2) != 0 ? CONFIGOPTS_CPOL : 0);
    long sckNanos = Math.max(1, 2L * (divider + 1) * 1_000_000_000L / coreClockHertz);
    try {
      if (registers instanceof MmioClaim claim && claim.acknowledgePowerLoss()) {
        // the controller came back from a power cut since the last transaction: set it up again
        recover();
      }
      check("before the transaction", chipSelect);
      write(CONFIGOPTS, options);
      write(CSID, chipSelect);
      long inFlight = 0;
      for (int index = 0; index < segments.size(); index++) {
        SpiSegment segment = segments.get(index);
        boolean last = index == segments.size() - 1;
        for (int from = 0; from < segment.length(); from += maxSegment) {
          int length = Math.min(maxSegment, segment.length() - from);
          boolean hold = !last || from + length < segment.length();
          inFlight = run(segment, from, length, hold, sckNanos, chipSelect);
        }
      }
      waitFor(
          STATUS_ACTIVE,
          0,
          Math.max(64 * sckNanos, inFlight),
          "the transaction to end",
          chipSelect);
      check("at the end of the transaction", chipSelect);
    } catch (SpiException e) {
      recover();
      throw e;
    } catch (PowerLossException e) {
      // the board's power went: the transaction (and whatever the chip was doing) is lost; the
      // controller is set up again once its supply is back, before the next transaction
      throw new SpiException(
          SpiException.Reason.POWER_LOST,
          bus + ": the power went during the transaction: " + e.getMessage(),
          e);
    } catch (MmioAccessException e) {
      recover();
      throw new SpiException(
          SpiException.Reason.CONTROLLER_ERROR, bus + ": the controller refused an access", e);
    }
  }

  /**
   * Queues one COMMAND and moves its data.
   *
   * @return the nominal time the segment takes on the bus, in nanoseconds
   */
  private long run(
      SpiSegment segment, int from, int length, boolean hold, long sckNanos, int chipSelect)
      throws SpiException {
    int direction =
        switch (segment.direction()) {
          case DUMMY -> DIRECTION_DUMMY;
          case RECEIVE -> DIRECTION_RX;
          case TRANSMIT -> DIRECTION_TX;
          case EXCHANGE -> DIRECTION_BIDIR;
        };
    int speed =
        switch (segment.lanes()) {
          case SINGLE -> SPEED_STANDARD;
          case DUAL -> SPEED_DUAL;
          case QUAD -> SPEED_QUAD;
          case OCTAL ->
              throw new SpiException(
                  SpiException.Reason.INVALID_REQUEST,
                  bus + ": the OpenTitan SPI host has no octal mode");
        };
    long byteNanos =
        segment.direction() == SpiSegment.Direction.DUMMY
            ? sckNanos
            : sckNanos * (8 / segment.lanes().width());
    waitFor(STATUS_READY, STATUS_READY, 16 * byteNanos, "room in the command FIFO", chipSelect);
    // an invalid COMMAND latches an error and moves no data: the loop below reports it
    write(COMMAND, command(direction, speed, hold, length));
    boolean sends =
        segment.direction() == SpiSegment.Direction.TRANSMIT
            || segment.direction() == SpiSegment.Direction.EXCHANGE;
    boolean receives =
        segment.direction() == SpiSegment.Direction.RECEIVE
            || segment.direction() == SpiSegment.Direction.EXCHANGE;
    byte[] transmit =
        segment.direction() == SpiSegment.Direction.EXCHANGE
            ? segment.data().clone()
            : segment.data();
    int sent = 0;
    int received = 0;
    int base = segment.offset() + from;
    Deadline deadline = Deadline.after(clock, timeout(length * byteNanos));
    if (segment.direction() == SpiSegment.Direction.RECEIVE
        && length >= DMA_THRESHOLD
        && dma
        && registers.dmaHandshake(RXDATA)) {
      int words = length / 4;
      int moved = registers.readDma(RXDATA, 4, segment.data(), base, words, deadline.remaining());
      received = moved * 4;
      if (moved < words) {
        check("during the DMA transfer", chipSelect);
        throw new SpiException(
            SpiException.Reason.TIMEOUT,
            String.format(
                "%s cs%d: the DMA channel moved %d of %d bytes within its time",
                bus, chipSelect, received, length));
      }
    }
    while ((sends && sent < length) || (receives && received < length)) {
      boolean progressed = false;
      // the time before the status: a read made after the limit decides (see Deadline)
      boolean late = deadline.passed();
      int status = read(STATUS);
      if (sends && sent < length) {
        int room = TX_FIFO_WORDS - ((status >>> STATUS_TXQD_SHIFT) & 0xff);
        while (sent < length && room >= (length - sent == 3 ? 2 : 1)) {
          int n = Math.min(4, length - sent);
          int word = 0;
          for (int i = 0; i < n; i++) {
            word |= (transmit[base + sent + i] & 0xff) << (8 * i);
          }
          pushTx(word, n);
          sent += n;
          room -= n == 3 ? 2 : 1;
          progressed = true;
        }
      }
      if (receives && received < length) {
        int words = (status >>> STATUS_RXQD_SHIFT) & 0xff;
        if (words > 0) {
          received += drain(segment.data(), base + received, length - received, words);
          progressed = true;
        }
      }
      if (!progressed) {
        check("during the segment", chipSelect);
        if (late) {
          throw new SpiException(
              SpiException.Reason.TIMEOUT,
              String.format(
                  "%s cs%d: the controller moved %d of %d bytes within its time",
                  bus, chipSelect, Math.max(sent, received), length));
        }
        clock.pause(Math.max(byteNanos, Math.min(64, length) * byteNanos / 2));
      } else if (receives && received < length && !(sends && sent < length)) {
        // The RX FIFO was drained; wait for it to fill again, as a watermark interrupt would.
        clock.pause(Math.min(RX_FIFO_WORDS * 4, length - received) * byteNanos);
      }
    }
    check("at the end of the segment", chipSelect);
    return length * byteNanos;
  }

  /**
   * Drains {@code words} RXDATA words in one burst, straight into the segment's buffer; the bytes
   * of the last word beyond the segment's end are its zero padding and are dropped.
   *
   * @return how many of the segment's bytes arrived
   */
  private int drain(byte[] data, int at, int wanted, int words) {
    int whole = Math.min(words, wanted / 4);
    if (whole > 0) {
      registers.readRepeated(RXDATA, 4, data, at, whole);
    }
    int bytes = whole * 4;
    if (whole < words && bytes < wanted) {
      byte[] last = new byte[4];
      registers.readRepeated(RXDATA, 4, last, 0, 1);
      System.arraycopy(last, 0, data, at + bytes, wanted - bytes);
      bytes = wanted;
    }
    return bytes;
  }

  private void pushTx(int word, int bytes) {
    switch (bytes) {
      case 4 -> registers.write(TXDATA, 4, word & 0xffffffffL);
      case 2 -> registers.write(TXDATA, 2, word & 0xffff);
      case 1 -> registers.write(TXDATA, 1, word & 0xff);
      default -> {
        registers.write(TXDATA, 2, word & 0xffff);
        registers.write(TXDATA, 1, (word >>> 16) & 0xff);
      }
    }
  }

  private int command(int direction, int speed, boolean hold, int length) {
    if (v2) {
      return (length - 1)
          | (hold ? COMMAND_V2_CSAAT : 0)
          | speed << COMMAND_V2_SPEED_SHIFT
          | direction << COMMAND_V2_DIRECTION_SHIFT;
    }
    return (length - 1) << COMMAND_V3_LEN_SHIFT
        | direction << COMMAND_V3_DIRECTION_SHIFT
        | speed << COMMAND_V3_SPEED_SHIFT
        | (hold ? COMMAND_V3_CSAAT : 0);
  }

  private static long timeout(long nominalNanos) {
    return Math.max(MINIMUM_TIMEOUT_NANOS, TIME_MARGIN * nominalNanos);
  }

  private void waitFor(int mask, int value, long nominalNanos, String what, int chipSelect)
      throws SpiException {
    Deadline deadline = Deadline.after(clock, timeout(nominalNanos));
    while (true) {
      // the time before the status: a read made after the limit decides (see Deadline)
      boolean late = deadline.passed();
      if ((read(STATUS) & mask) == value) {
        return;
      }
      check("waiting for " + what, chipSelect);
      if (late) {
        throw new SpiException(
            SpiException.Reason.TIMEOUT,
            String.format("%s cs%d: timed out waiting for %s", bus, chipSelect, what));
      }
      clock.pause(Math.max(1, nominalNanos / 8));
    }
  }

  private void check(String when, int chipSelect) throws SpiException {
    int errors = read(ERROR_STATUS);
    if (errors != 0) {
      throw new SpiException(
          SpiException.Reason.CONTROLLER_ERROR,
          String.format(
              "%s cs%d: the controller reported %s %s", bus, chipSelect, names(errors), when));
    }
  }

  static String names(int errors) {
    StringBuilder text = new StringBuilder();
    String[] names = {"CMDBUSY", "OVERFLOW", "UNDERFLOW", "CMDINVAL", "CSIDINVAL", "ACCESSINVAL"};
    for (int bit = 0; bit < names.length; bit++) {
      if ((errors & (1 << bit)) != 0) {
        text.append(text.length() == 0 ? "" : "+").append(names[bit]);
      }
    }
    return text.toString();
  }

  /** SW_RST, errors and the error interrupt cleared, then enabled with outputs on. */
  private void recover() {
    write(CONTROL, CONTROL_SW_RST);
    write(ERROR_STATUS, 0xffffffff);
    write(INTR_STATE, INTR_ERROR);
    write(CONTROL, CONTROL_SPIEN | CONTROL_OUTPUT_EN | CONTROL_RESET);
  }

  private int read(int register) {
    return (int) registers.read(register, 4);
  }

  private void write(int register, int value) {
    registers.write(register, 4, value & 0xffffffffL);
  }
}
