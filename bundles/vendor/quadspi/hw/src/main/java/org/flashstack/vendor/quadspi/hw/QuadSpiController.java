package org.flashstack.vendor.quadspi.hw;

import static org.flashstack.vendor.quadspi.registers.QuadSpiRegisters.*;

import java.io.ByteArrayOutputStream;
import java.util.Objects;
import java.util.function.IntFunction;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioSession;
import org.flashstack.api.spi.SpiBusConflictException;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.api.spi.SpiTarget;

/**
 * A memory-mapped QSPI controller in front of SPI NOR chips on the SPI bus seam, as an STM32F7's
 * QUADSPI behaves (RM0410 section 15), with two flash selects (FSEL).
 *
 * <p>A command is the CCR's phases, each on its lines (IMODE, ADMODE, ABMODE, DMODE: none, 1, 2 or
 * 4): instruction, ADSIZE+1 address bytes, ABSIZE+1 alternate bytes, DCYC dummy clocks, data. What
 * starts it depends on FMODE, as in the manual: a command without address starts when CCR is
 * written, one with an address when AR is written; an indirect write with data starts once DLR+1
 * bytes are in DR. Indirect reads fill a buffer that DR reads drain (FLEVEL counts up to the
 * 32-byte FIFO; BUSY holds while data remain). Automatic polling reads the status on each SR read
 * and sets SMF when {@code (status & PSMKR) == PSMAR} (AND) or any masked bit matches (OR),
 * stopping if APMS. Memory-mapped mode turns every read of the window into the CCR's command at
 * that address. CCR, AR and DR writes while BUSY are ignored (the manual's rule); an access past
 * FSIZE or to a flash that is not wired sets TEF and is a bus error. Bus time is not modelled:
 * chips take their own busy times on the emulated clock.
 */
public final class QuadSpiController implements MmioBus {

  private final String name;
  private final IntFunction<SpiTarget> flashes;
  private final Object lock = new Object();

  private int cr;
  private int dcr;
  private int sr;
  private int dlr;
  private int ccr;
  private int ar;
  private int abr;
  private int psmkr;
  private int psmar;
  private int pir;
  private int lptr;
  private boolean polling;
  private byte[] readBuffer = new byte[0];
  private int readAt;
  private ByteArrayOutputStream writeBuffer;
  private long commands;
  private long transferErrors;

  /**
   * @param name the controller's name
   * @param flashes the chip wired to flash select 0 or 1, or null where none is
   */
  public QuadSpiController(String name, IntFunction<SpiTarget> flashes) {
    this.name = Objects.requireNonNull(name, "name");
    this.flashes = Objects.requireNonNull(flashes, "flashes");
  }

  /** Reset: everything 0, nothing in progress. */
  public void reset() {
    synchronized (lock) {
      cr = dcr = sr = dlr = ccr = ar = abr = psmkr = psmar = pir = lptr = 0;
      polling = false;
      readBuffer = new byte[0];
      readAt = 0;
      writeBuffer = null;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return BUS_SIZE;
  }

  /**
   * @return commands sent and transfer errors since start: "commands 12, transfer errors 0"
   */
  public String counters() {
    synchronized (lock) {
      return String.format("commands %d, transfer errors %d", commands, transferErrors);
    }
  }

  private boolean busy() {
    return polling || readAt < readBuffer.length || writeBuffer != null;
  }

  private int fmode() {
    return (ccr >>> CCR_FMODE_SHIFT) & 3;
  }

  private static int field(int value, int shift) {
    return (value >>> shift) & 3;
  }

  private long flashSize() {
    return 1L << (((dcr & DCR_FSIZE_MASK) >>> DCR_FSIZE_SHIFT) + 1);
  }

  private MmioAccessException busError(long offset, int width, String why) {
    return new MmioAccessException(
        String.format("%s: %d-byte access at 0x%08x: bus error: %s", name, width, offset, why));
  }

  @Override
  public long read(long offset, int width) {
    if (width != 1 && width != 2 && width != 4) {
      throw busError(offset, width, "an access is 1, 2 or 4 bytes");
    }
    synchronized (lock) {
      if (offset >= WINDOW_BASE && offset + width <= WINDOW_BASE + WINDOW_SIZE) {
        byte[] bytes = new byte[width];
        mapped(offset, bytes, 0, width);
        long value = 0;
        for (int i = 0; i < width; i++) {
          value |= (bytes[i] & 0xffL) << (8 * i);
        }
        return value;
      }
      if (offset >= QUADSPI_BASE && offset < BUS_SIZE && offset % 4 == 0) {
        if (offset == QUADSPI_DR) {
          return drain(width);
        }
        if (width != 4) {
          throw busError(offset, width, "QUADSPI registers are read as words");
        }
        return register(offset) & 0xffff_ffffL;
      }
      throw busError(offset, width, "nothing decodes that address");
    }
  }

  private int register(long offset) {
    if (offset == QUADSPI_CR) {
      return cr;
    }
    if (offset == QUADSPI_DCR) {
      return dcr;
    }
    if (offset == QUADSPI_SR) {
      if (polling) {
        poll();
      }
      int level = Math.min(FIFO_BYTES, readBuffer.length - readAt);
      return sr | (busy() ? SR_BUSY : 0) | (level > 0 ? SR_FTF : 0) | level << SR_FLEVEL_SHIFT;
    }
    if (offset == QUADSPI_DLR) {
      return dlr;
    }
    if (offset == QUADSPI_CCR) {
      return ccr;
    }
    if (offset == QUADSPI_AR) {
      return ar;
    }
    if (offset == QUADSPI_ABR) {
      return abr;
    }
    if (offset == QUADSPI_PSMKR) {
      return psmkr;
    }
    if (offset == QUADSPI_PSMAR) {
      return psmar;
    }
    if (offset == QUADSPI_PIR) {
      return pir;
    }
    if (offset == QUADSPI_LPTR) {
      return lptr;
    }
    return 0;
  }

  private long drain(int width) {
    long value = 0;
    for (int i = 0; i < width && readAt < readBuffer.length; i++) {
      value |= (readBuffer[readAt++] & 0xffL) << (8 * i);
    }
    return value;
  }

  @Override
  public void write(long offset, int width, long value) {
    synchronized (lock) {
      if (offset < QUADSPI_BASE || offset >= BUS_SIZE || offset % 4 != 0) {
        throw busError(offset, width, "no register there (the window is read-only)");
      }
      if (offset == QUADSPI_DR) {
        feed(width, value);
        return;
      }
      if (width != 4) {
        throw busError(offset, width, "QUADSPI registers are written as words");
      }
      int word = (int) value;
      if (offset == QUADSPI_CR) {
        if ((word & CR_ABORT) != 0) {
          polling = false;
          readBuffer = new byte[0];
          readAt = 0;
          writeBuffer = null;
        }
        cr = word & ~CR_ABORT;
      } else if (offset == QUADSPI_FCR) {
        sr &= ~(word & (FCR_CTEF | FCR_CTCF | FCR_CSMF));
      } else if (busy()) {
        return;
      } else if (offset == QUADSPI_DCR) {
        dcr = word;
      } else if (offset == QUADSPI_DLR) {
        dlr = word;
      } else if (offset == QUADSPI_CCR) {
        ccr = word;
        if (field(ccr, CCR_ADMODE_SHIFT) == MODE_NONE) {
          start();
        }
      } else if (offset == QUADSPI_AR) {
        ar = word;
        if (field(ccr, CCR_ADMODE_SHIFT) != MODE_NONE) {
          start();
        }
      } else if (offset == QUADSPI_ABR) {
        abr = word;
      } else if (offset == QUADSPI_PSMKR) {
        psmkr = word;
      } else if (offset == QUADSPI_PSMAR) {
        psmar = word;
      } else if (offset == QUADSPI_PIR) {
        pir = word;
      } else if (offset == QUADSPI_LPTR) {
        lptr = word;
      }
    }
  }

  /** What CCR (and AR) start, by FMODE. */
  private void start() {
    if ((cr & CR_EN) == 0 || fmode() == FMODE_MEMORY_MAPPED) {
      return;
    }
    int dmode = field(ccr, CCR_DMODE_SHIFT);
    switch (fmode()) {
      case FMODE_INDIRECT_WRITE -> {
        if (dmode == MODE_NONE) {
          command(ar, null, 0, 0, false);
        } else {
          writeBuffer = new ByteArrayOutputStream(dlr + 1);
        }
      }
      case FMODE_INDIRECT_READ -> {
        byte[] data = new byte[dmode == MODE_NONE ? 0 : dlr + 1];
        if (command(ar, data, 0, data.length, true)) {
          readBuffer = data;
          readAt = 0;
        }
      }
      case FMODE_AUTO_POLLING -> {
        polling = true;
        poll();
      }
      default -> {}
    }
  }

  private void feed(int width, long value) {
    if (writeBuffer == null) {
      return;
    }
    for (int i = 0; i < width && writeBuffer.size() < dlr + 1; i++) {
      writeBuffer.write((int) (value >>> (8 * i)));
    }
    if (writeBuffer.size() == dlr + 1) {
      byte[] data = writeBuffer.toByteArray();
      writeBuffer = null;
      command(ar, data, 0, data.length, false);
    }
  }

  /** One status read of automatic polling; SMF on a match, stopping if APMS. */
  private void poll() {
    int length = Math.min(4, dlr + 1);
    byte[] status = new byte[length];
    if (!command(ar, status, 0, length, true)) {
      polling = false;
      return;
    }
    int value = 0;
    for (int i = 0; i < length; i++) {
      value |= (status[i] & 0xff) << (8 * i);
    }
    boolean match =
        (cr & CR_PMM) == 0 ? (value & psmkr) == (psmar & psmkr) : ((~(value ^ psmar)) & psmkr) != 0;
    if (match) {
      sr |= SR_SMF;
      if ((cr & CR_APMS) != 0) {
        polling = false;
        sr |= SR_TCF;
      }
    }
  }

  /** Reads the window: the CCR's command at the window offset. */
  private void mapped(long offset, byte[] destination, int at, int length) {
    if ((cr & CR_EN) == 0 || fmode() != FMODE_MEMORY_MAPPED) {
      throw busError(offset, length, "the window reads only in memory-mapped mode (FMODE 11)");
    }
    long address = offset - WINDOW_BASE;
    if (address + length > flashSize()) {
      sr |= SR_TEF;
      transferErrors++;
      throw busError(
          offset, length, String.format("past the flash size 0x%x (DCR.FSIZE)", flashSize()));
    }
    if (!command((int) address, destination, at, length, true)) {
      throw busError(offset, length, "no flash on the selected bank");
    }
  }

  /**
   * Sends the CCR's command: instruction, address, alternate bytes, dummy clocks, data.
   *
   * @return false (and TEF) if no flash answers the selected bank
   */
  private boolean command(int address, byte[] data, int at, int length, boolean receive) {
    SpiTarget chip = flashes.apply((cr & CR_FSEL) != 0 ? 1 : 0);
    if (chip == null) {
      sr |= SR_TEF;
      transferErrors++;
      return false;
    }
    int imode = field(ccr, CCR_IMODE_SHIFT);
    int admode = field(ccr, CCR_ADMODE_SHIFT);
    int abmode = field(ccr, CCR_ABMODE_SHIFT);
    int dmode = field(ccr, CCR_DMODE_SHIFT);
    int dummy = (ccr >>> CCR_DCYC_SHIFT) & 0x1f;
    try {
      chip.select();
      try {
        if (imode != MODE_NONE) {
          chip.transmit(new byte[] {(byte) ccr}, 0, 1, lanes(imode));
        }
        if (admode != MODE_NONE) {
          chip.transmit(
              bigEndian(address, field(ccr, CCR_ADSIZE_SHIFT) + 1),
              0,
              field(ccr, CCR_ADSIZE_SHIFT) + 1,
              lanes(admode));
        }
        if (abmode != MODE_NONE) {
          chip.transmit(
              bigEndian(abr, field(ccr, CCR_ABSIZE_SHIFT) + 1),
              0,
              field(ccr, CCR_ABSIZE_SHIFT) + 1,
              lanes(abmode));
        }
        if (dummy > 0) {
          chip.dummy(dummy);
        }
        if (dmode != MODE_NONE && length > 0) {
          if (receive) {
            chip.receive(data, at, length, lanes(dmode));
          } else {
            chip.transmit(data, at, length, lanes(dmode));
          }
        }
      } finally {
        chip.deselect();
      }
    } catch (SpiBusConflictException e) {
      sr |= SR_TEF;
      transferErrors++;
      return false;
    }
    commands++;
    sr |= SR_TCF;
    return true;
  }

  private static SpiLanes lanes(int mode) {
    return switch (mode) {
      case MODE_DUAL -> SpiLanes.DUAL;
      case MODE_QUAD -> SpiLanes.QUAD;
      default -> SpiLanes.SINGLE;
    };
  }

  private static byte[] bigEndian(int value, int bytes) {
    byte[] out = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      out[i] = (byte) (value >>> (8 * (bytes - 1 - i)));
    }
    return out;
  }

  @Override
  public void readBulk(long offset, byte[] destination, int destinationOffset, int length) {
    synchronized (lock) {
      if (offset >= WINDOW_BASE && offset + length <= WINDOW_BASE + WINDOW_SIZE) {
        mapped(offset, destination, destinationOffset, length);
        return;
      }
    }
    for (int i = 0; i < length; i++) {
      destination[destinationOffset + i] = (byte) read(offset + i, 1);
    }
  }

  @Override
  public <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X {
    synchronized (lock) {
      return session.run(this);
    }
  }

  @Override
  public String toString() {
    return name + ": quadspi memory-mapped QSPI controller";
  }
}
