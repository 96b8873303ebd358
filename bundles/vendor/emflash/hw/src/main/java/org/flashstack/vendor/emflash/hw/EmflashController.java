package org.flashstack.vendor.emflash.hw;

import static org.flashstack.vendor.emflash.registers.EmflashRegisters.*;

import java.util.List;
import java.util.Objects;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioSession;

/**
 * An embedded flash controller and its NOR array, as an STM32F4's FLASH interface behaves (RM0090
 * section 3): the array read on the bus at {@code ARRAY_BASE}; FLASH_CR locked until the KEYR
 * sequence (a wrong key is a bus error and locks it until reset); programming by bus writes to the
 * array with PG set, each of the PSIZE width and aligned to it; sector and mass erase by SER / MER,
 * SNB and STRT; BSY for the datasheet's typical times on the emulated clock, an access to the array
 * or to FLASH_CR stalling the bus until it clears (as the AHB does); PGSERR, PGPERR, PGAERR and
 * WRPERR set, and nothing done, for a write out of sequence, of the wrong size, misaligned, or to a
 * write-protected sector; write protection per sector in the option bytes (nWRP), changed through
 * FLASH_OPTCR after the OPTKEYR sequence and OPTSTRT. The option bytes are non-volatile: a power-up
 * reset keeps them (they live as long as the model; their value at start is a parameter).
 */
public final class EmflashController implements MmioBus {

  /** Word (x32) program time, typical. */
  public static final long WORD_PROGRAM_NANOS = 16_000;

  /** Sector erase times, typical, at x32: 16, 64 and 128 KiB sectors. */
  public static final long ERASE_16K_NANOS = 400_000_000L;

  public static final long ERASE_64K_NANOS = 1_100_000_000L;

  public static final long ERASE_128K_NANOS = 2_000_000_000L;

  /** Mass erase time, typical. */
  public static final long MASS_ERASE_NANOS = 16_000_000_000L;

  /** Writing the option bytes. */
  public static final long OPTION_WRITE_NANOS = 400_000_000L;

  private final String name;
  private final FlashMedia media;
  private final EmulatedClock clock;
  private final int sizeKib;
  private final long[] sectorStart;
  private final long[] sectorSize;
  private final Object lock = new Object();

  private int acr;
  private int cr;
  private int sr;
  private int optcr;
  private int optionBytes;
  private boolean keyOneSeen;
  private boolean optKeyOneSeen;
  private boolean lockedUntilReset;
  private long busyUntil;
  private boolean endOfOperationPending;
  private long programs;
  private long erases;
  private long refusals;

  /**
   * @param name the device's name
   * @param media the main memory's cells, with the part's sector layout
   * @param clock the emulated clock busy times run on
   * @param optionBytes FLASH_OPTCR's option bits at start (nWRP and RDP), e.g. {@code OPTCR_RESET}
   */
  public EmflashController(String name, FlashMedia media, EmulatedClock clock, int optionBytes) {
    this.name = Objects.requireNonNull(name, "name");
    this.media = Objects.requireNonNull(media, "media");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sizeKib = (int) (media.size() >> 10);
    List<EraseRegion> layout = sectors(sizeKib);
    int count = layout.stream().mapToInt(EraseRegion::blockCount).sum();
    sectorStart = new long[count];
    sectorSize = new long[count];
    int index = 0;
    for (EraseRegion region : layout) {
      for (int i = 0; i < region.blockCount(); i++, index++) {
        sectorStart[index] = region.offset() + i * region.blockSize();
        sectorSize[index] = region.blockSize();
      }
    }
    this.optionBytes = optionBytes & ~(OPTCR_OPTLOCK | OPTCR_OPTSTRT);
    powerUpReset();
  }

  /** Power-up: FLASH_CR and FLASH_OPTCR locked, status clear, nothing in progress. */
  public void powerUpReset() {
    synchronized (lock) {
      acr = 0;
      cr = CR_LOCK;
      sr = 0;
      optcr = optionBytes | OPTCR_OPTLOCK;
      keyOneSeen = false;
      optKeyOneSeen = false;
      lockedUntilReset = false;
      busyUntil = 0;
      endOfOperationPending = false;
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
   * @return the cells
   */
  public FlashMedia media() {
    return media;
  }

  /**
   * @return the number of sectors
   */
  public int sectorCount() {
    return sectorStart.length;
  }

  /**
   * @return whether sector {@code sector} is write protected in the option bytes
   */
  public boolean isWriteProtected(int sector) {
    synchronized (lock) {
      return (optionBytes & (1 << (OPTCR_NWRP_SHIFT + sector))) == 0;
    }
  }

  /**
   * @return programs, erases and refused writes since start: "programs 3, erases 1, refusals 0"
   */
  public String counters() {
    synchronized (lock) {
      return String.format("programs %d, erases %d, refusals %d", programs, erases, refusals);
    }
  }

  private boolean busy() {
    return clock.now() < busyUntil;
  }

  /** The AHB stalls an access to the array or FLASH_CR until the operation in progress ends. */
  private void stall() {
    long left;
    while ((left = busyUntil - clock.now()) > 0) {
      clock.pause(left);
    }
  }

  private void busyFor(long nanos) {
    busyUntil = clock.now() + nanos;
    clock.wakeAt(busyUntil);
    endOfOperationPending = (cr & CR_EOPIE) != 0;
  }

  private int status() {
    int value = sr;
    if (busy()) {
      value |= SR_BSY;
    } else if (endOfOperationPending) {
      sr |= SR_EOP;
      endOfOperationPending = false;
      value = sr;
    }
    return value;
  }

  private void error(int bits) {
    sr |= bits;
    if ((cr & CR_ERRIE) != 0) {
      sr |= SR_OPERR;
    }
    refusals++;
  }

  private static boolean inArray(long offset, long size) {
    return offset >= ARRAY_BASE && offset < ARRAY_BASE + size;
  }

  private MmioAccessException busError(long offset, int width, String why) {
    return new MmioAccessException(
        String.format("%s: %d-byte access at 0x%08x: bus error: %s", name, width, offset, why));
  }

  private void checkWidth(long offset, int width) {
    if (width != 1 && width != 2 && width != 4 && width != 8) {
      throw busError(offset, width, "an access is 1, 2, 4 or 8 bytes");
    }
  }

  @Override
  public long read(long offset, int width) {
    checkWidth(offset, width);
    synchronized (lock) {
      if (inArray(offset, media.size()) && offset + width <= ARRAY_BASE + media.size()) {
        stall();
        return media.readValue(offset - ARRAY_BASE, width, java.nio.ByteOrder.LITTLE_ENDIAN);
      }
      if (offset == F_SIZE && width == 2) {
        return sizeKib;
      }
      if (offset == DBGMCU_IDCODE && width == 4) {
        return DEV_ID_F40X | (0x1007 << 16);
      }
      if (offset >= FLASH_BASE && offset <= FLASH_OPTCR && width == 4 && offset % 4 == 0) {
        if (offset == FLASH_ACR) {
          return acr;
        }
        if (offset == FLASH_SR) {
          return status() & 0xffff_ffffL;
        }
        if (offset == FLASH_CR) {
          return cr & 0xffff_ffffL;
        }
        if (offset == FLASH_OPTCR) {
          return optcr & 0xffff_ffffL;
        }
        return 0;
      }
      throw busError(offset, width, "nothing decodes that address");
    }
  }

  @Override
  public void write(long offset, int width, long value) {
    checkWidth(offset, width);
    synchronized (lock) {
      if (inArray(offset, media.size()) && offset + width <= ARRAY_BASE + media.size()) {
        stall();
        program(offset - ARRAY_BASE, width, value);
        return;
      }
      if (offset >= FLASH_BASE && offset <= FLASH_OPTCR && width == 4 && offset % 4 == 0) {
        int word = (int) value;
        if (offset == FLASH_ACR) {
          acr = word;
        } else if (offset == FLASH_KEYR) {
          key(word);
        } else if (offset == FLASH_OPTKEYR) {
          optionKey(word);
        } else if (offset == FLASH_SR) {
          sr &= ~(word & (SR_ERRORS | SR_EOP));
        } else if (offset == FLASH_CR) {
          stall();
          control(word);
        } else if (offset == FLASH_OPTCR) {
          stall();
          optionControl(word);
        }
        return;
      }
      throw busError(offset, width, "no register or array cell to write there");
    }
  }

  private void key(int word) {
    if (lockedUntilReset || (cr & CR_LOCK) == 0) {
      lockedUntilReset = true;
      cr |= CR_LOCK;
      throw busError(
          FLASH_KEYR, 4, "a key written out of sequence; FLASH_CR stays locked until reset");
    }
    if (!keyOneSeen && word == KEY1) {
      keyOneSeen = true;
    } else if (keyOneSeen && word == KEY2) {
      keyOneSeen = false;
      cr &= ~CR_LOCK;
    } else {
      lockedUntilReset = true;
      throw busError(
          FLASH_KEYR,
          4,
          String.format("wrong key 0x%08x; FLASH_CR stays locked until reset", word));
    }
  }

  private void optionKey(int word) {
    if ((optcr & OPTCR_OPTLOCK) == 0) {
      return;
    }
    if (!optKeyOneSeen && word == OPTKEY1) {
      optKeyOneSeen = true;
    } else if (optKeyOneSeen && word == OPTKEY2) {
      optKeyOneSeen = false;
      optcr &= ~OPTCR_OPTLOCK;
    } else {
      optKeyOneSeen = false;
      throw busError(FLASH_OPTKEYR, 4, String.format("wrong option key 0x%08x", word));
    }
  }

  private void control(int word) {
    if ((cr & CR_LOCK) != 0) {
      return;
    }
    cr = word & ~CR_STRT;
    if ((word & CR_STRT) != 0) {
      start(word);
    }
  }

  private void start(int word) {
    boolean sector = (word & CR_SER) != 0;
    boolean mass = (word & CR_MER) != 0;
    if (sector == mass || (word & CR_PG) != 0) {
      error(SR_PGSERR);
      return;
    }
    if (sector) {
      int snb = (word & CR_SNB_MASK) >>> CR_SNB_SHIFT;
      if (snb >= sectorStart.length) {
        error(SR_PGSERR);
        return;
      }
      if (isProtected(snb)) {
        error(SR_WRPERR);
        return;
      }
      media.erase(sectorStart[snb], sectorSize[snb]);
      erases++;
      busyFor(
          sectorSize[snb] == 16 << 10
              ? ERASE_16K_NANOS
              : sectorSize[snb] == 64 << 10 ? ERASE_64K_NANOS : ERASE_128K_NANOS);
      return;
    }
    for (int s = 0; s < sectorStart.length; s++) {
      if (isProtected(s)) {
        error(SR_WRPERR);
        return;
      }
    }
    media.erase(0, media.size());
    erases++;
    busyFor(MASS_ERASE_NANOS);
  }

  private boolean isProtected(int sector) {
    return (optionBytes & (1 << (OPTCR_NWRP_SHIFT + sector))) == 0;
  }

  private int sectorOf(long address) {
    for (int s = sectorStart.length - 1; s >= 0; s--) {
      if (address >= sectorStart[s]) {
        return s;
      }
    }
    return 0;
  }

  private void program(long address, int width, long value) {
    if ((cr & CR_LOCK) != 0 || (cr & CR_PG) == 0 || (cr & (CR_SER | CR_MER)) != 0) {
      error(SR_PGSERR);
      return;
    }
    int psize = 1 << ((cr & CR_PSIZE_MASK) >>> CR_PSIZE_SHIFT);
    if (width != psize) {
      error(SR_PGPERR);
      return;
    }
    if (address % width != 0) {
      error(SR_PGAERR);
      return;
    }
    if (isProtected(sectorOf(address))) {
      error(SR_WRPERR);
      return;
    }
    byte[] bytes = new byte[width];
    for (int i = 0; i < width; i++) {
      bytes[i] = (byte) (value >>> (8 * i));
    }
    media.program(address, bytes, 0, width);
    programs++;
    busyFor(WORD_PROGRAM_NANOS);
  }

  private void optionControl(int word) {
    if ((optcr & OPTCR_OPTLOCK) != 0) {
      return;
    }
    optcr = word & ~OPTCR_OPTSTRT;
    if ((word & OPTCR_OPTSTRT) != 0) {
      optionBytes = word & ~(OPTCR_OPTLOCK | OPTCR_OPTSTRT);
      busyFor(OPTION_WRITE_NANOS);
    }
  }

  @Override
  public void readBulk(long offset, byte[] destination, int destinationOffset, int length) {
    synchronized (lock) {
      if (inArray(offset, media.size()) && offset - ARRAY_BASE + length <= media.size()) {
        stall();
        media.read(offset - ARRAY_BASE, destination, destinationOffset, length);
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
    return String.format(
        "%s: emflash controller, %d KiB in %d sectors", name, sizeKib, sectorStart.length);
  }
}
