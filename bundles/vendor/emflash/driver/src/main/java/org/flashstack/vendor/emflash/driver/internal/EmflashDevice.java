package org.flashstack.vendor.emflash.driver.internal;

import static org.flashstack.vendor.emflash.registers.EmflashRegisters.*;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.clock.Deadline;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.PowerLossException;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashIdentity;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioClaim;

/**
 * One emflash controller driven through its registers, as an MCU's flash driver does: FLASH_CR
 * unlocked while attached (locked again on close), programs as 32-bit words where the bytes are
 * aligned and single bytes at the edges (PSIZE set to match), erases sector by sector (SER, SNB,
 * STRT), BSY polled on the clock, every error flag cleared and turned into a {@link FlashError}.
 * Locks are the option bytes' write protection per sector.
 */
public final class EmflashDevice implements FlashDevice {

  /** The MCU's JEDEC manufacturer ID (STMicroelectronics, bank 1: 0x20). */
  public static final int MANUFACTURER = 0x20;

  /** Program polls give up after this (the datasheet's maximum word program time is 100 us). */
  private static final long PROGRAM_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** Erase polls give up after this (maximum 128 KiB sector erase 4 s, mass erase 32 s). */
  private static final long ERASE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(8);

  /** Option byte writes give up after this. */
  private static final long OPTION_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final String name;
  private final MmioClaim claim;
  private final EmulatedClock clock;
  private final FlashGeometry geometry;
  private final FlashIdentity identity;
  private final long[] sectorStart;

  private EmflashDevice(String name, MmioClaim claim, EmulatedClock clock, int devId, int sizeKib) {
    this.name = name;
    this.claim = claim;
    this.clock = clock;
    List<EraseRegion> regions = sectors(sizeKib);
    this.geometry = new FlashGeometry((long) sizeKib << 10, regions, 1, 0, 0xff);
    this.identity =
        new FlashIdentity(
            MANUFACTURER,
            devId,
            String.format(
                "emflash embedded flash (STM32F4-style FLASH interface), %d KiB in %d sectors",
                sizeKib, geometry.blockCount()));
    sectorStart = new long[geometry.blockCount()];
    long at = 0;
    for (int i = 0; i < sectorStart.length; i++) {
      sectorStart[i] = at;
      at += geometry.blockSizeAt(at);
    }
  }

  /**
   * Probes the controller through the claim (device ID, flash size), clears stale flags and unlocks
   * FLASH_CR.
   *
   * @throws FlashException NOT_SUPPORTED for an MCU this driver does not know, DEVICE_FAULT if the
   *     unlock sequence is refused
   */
  public static EmflashDevice attach(String name, MmioClaim claim, EmulatedClock clock)
      throws FlashException {
    try {
      return claim.exclusive(
          bus -> {
            int devId = (int) bus.read(DBGMCU_IDCODE, 4) & 0xfff;
            if (devId != DEV_ID_F40X) {
              throw new FlashException(
                  FlashError.NOT_SUPPORTED,
                  name,
                  "attach",
                  -1,
                  String.format(
                      "DEV_ID 0x%03x is not an emflash part (0x%03x)", devId, DEV_ID_F40X));
            }
            int sizeKib = (int) bus.read(F_SIZE, 2);
            if (sizeKib != 512 && sizeKib != 1024) {
              throw new FlashException(
                  FlashError.NOT_SUPPORTED,
                  name,
                  "attach",
                  -1,
                  "F_SIZE says " + sizeKib + " KiB; this driver knows 512 and 1024 KiB parts");
            }
            EmflashDevice device = new EmflashDevice(name, claim, clock, devId, sizeKib);
            device.waitIdle(bus, ERASE_TIMEOUT_NANOS * 4, "attach", -1);
            bus.write(FLASH_SR, 4, SR_ERRORS | SR_EOP);
            if ((bus.read(FLASH_CR, 4) & CR_LOCK) != 0) {
              bus.write(FLASH_KEYR, 4, KEY1 & 0xffff_ffffL);
              bus.write(FLASH_KEYR, 4, KEY2 & 0xffff_ffffL);
            }
            if ((bus.read(FLASH_CR, 4) & CR_LOCK) != 0) {
              throw new FlashException(
                  FlashError.DEVICE_FAULT,
                  name,
                  "attach",
                  -1,
                  "FLASH_CR stayed locked after the keys");
            }
            return device;
          });
    } catch (MmioAccessException e) {
      throw new FlashException(
          FlashError.DEVICE_FAULT,
          name,
          "attach",
          -1,
          "the controller refused: " + e.getMessage(),
          e);
    }
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

  /** Runs register work, turning a refused access or a power loss into a FlashException. */
  private <T> T onController(String operation, long address, Work<T> work) throws FlashException {
    try {
      return claim.exclusive(work::run);
    } catch (PowerLossException e) {
      claim.acknowledgePowerLoss();
      throw new FlashException(FlashError.POWER_LOST, name, operation, address, e.getMessage(), e);
    } catch (MmioAccessException e) {
      throw new FlashException(
          FlashError.DEVICE_FAULT, name, operation, address, e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(MmioBus bus) throws FlashException;
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length) throws FlashException {
    onController(
        "read",
        address,
        bus -> {
          bus.readBulk(ARRAY_BASE + address, destination, offset, length);
          return null;
        });
  }

  @Override
  public void program(long address, byte[] source, int offset, int length) throws FlashException {
    onController(
        "program",
        address,
        bus -> {
          int psize = -1;
          int done = 0;
          try {
            while (done < length) {
              long at = address + done;
              int width = at % 4 == 0 && length - done >= 4 ? 4 : 1;
              int wanted = width == 4 ? PSIZE_X32 : PSIZE_X8;
              if (wanted != psize) {
                bus.write(FLASH_CR, 4, CR_PG | (wanted << CR_PSIZE_SHIFT));
                psize = wanted;
              }
              long value = 0;
              for (int i = 0; i < width; i++) {
                value |= (source[offset + done + i] & 0xffL) << (8 * i);
              }
              bus.write(ARRAY_BASE + at, width, value);
              check(bus, waitIdle(bus, PROGRAM_TIMEOUT_NANOS, "program", at), "program", at);
              done += width;
            }
          } finally {
            bus.write(FLASH_CR, 4, 0);
          }
          return null;
        });
  }

  @Override
  public void erase(long address, long length) throws FlashException {
    onController(
        "erase",
        address,
        bus -> {
          for (long at = address; at < address + length; at += geometry.blockSizeAt(at)) {
            int sector = geometry.blockIndex(at);
            bus.write(
                FLASH_CR, 4, CR_SER | (sector << CR_SNB_SHIFT) | (PSIZE_X32 << CR_PSIZE_SHIFT));
            bus.write(
                FLASH_CR,
                4,
                CR_SER | (sector << CR_SNB_SHIFT) | (PSIZE_X32 << CR_PSIZE_SHIFT) | CR_STRT);
            int status = waitIdle(bus, ERASE_TIMEOUT_NANOS, "erase", at);
            bus.write(FLASH_CR, 4, 0);
            check(bus, status, "erase", at);
          }
          return null;
        });
  }

  /** Polls BSY on the clock, the time taken before each read (see Deadline); returns FLASH_SR. */
  private int waitIdle(MmioBus bus, long timeoutNanos, String operation, long address)
      throws FlashException {
    Deadline deadline = Deadline.after(clock, timeoutNanos);
    while (true) {
      boolean late = deadline.passed();
      int status = (int) bus.read(FLASH_SR, 4);
      if ((status & SR_BSY) == 0) {
        return status;
      }
      if (late) {
        throw new FlashException(
            FlashError.TIMEOUT,
            name,
            operation,
            address,
            String.format(
                "FLASH_SR.BSY still set after %d ms", TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
      }
      clock.pause(Math.min(deadline.remaining() + 1, Math.max(1_000, timeoutNanos / 64)));
    }
  }

  /** Clears the error flags of {@code status} and throws what they mean. */
  private void check(MmioBus bus, int status, String operation, long address)
      throws FlashException {
    int errors = status & SR_ERRORS;
    if (errors == 0) {
      return;
    }
    bus.write(FLASH_SR, 4, errors);
    if ((errors & SR_WRPERR) != 0) {
      throw new FlashException(
          FlashError.PROTECTED,
          name,
          operation,
          address,
          "sector "
              + geometry.blockIndex(address)
              + " is write protected (option bytes nWRP); flash:unlock it first");
    }
    throw new FlashException(
        FlashError.DEVICE_FAULT,
        name,
        operation,
        address,
        String.format(
            "the controller refused the operation: FLASH_SR 0x%08x (%s)", status, names(errors)));
  }

  private static String names(int errors) {
    StringBuilder out = new StringBuilder();
    String[] names = {"PGSERR", "PGPERR", "PGAERR", "OPERR"};
    int[] bits = {SR_PGSERR, SR_PGPERR, SR_PGAERR, SR_OPERR};
    for (int i = 0; i < bits.length; i++) {
      if ((errors & bits[i]) != 0) {
        out.append(out.length() == 0 ? "" : ", ").append(names[i]);
      }
    }
    return out.toString();
  }

  @Override
  public void lock(long address, long length) throws FlashException {
    protect(address, length, true);
  }

  @Override
  public void unlock(long address, long length) throws FlashException {
    protect(address, length, false);
  }

  @Override
  public boolean isLocked(long address) throws FlashException {
    int sector = geometry.blockIndex(address);
    return onController(
        "lock status",
        address,
        bus -> ((bus.read(FLASH_OPTCR, 4) >>> (OPTCR_NWRP_SHIFT + sector)) & 1) == 0);
  }

  /** Sets or clears the sectors' write protection in the option bytes (OPTKEYR, OPTSTRT). */
  private void protect(long address, long length, boolean on) throws FlashException {
    String operation = on ? "lock" : "unlock";
    onController(
        operation,
        address,
        bus -> {
          int optcr = (int) bus.read(FLASH_OPTCR, 4);
          if ((optcr & OPTCR_OPTLOCK) != 0) {
            bus.write(FLASH_OPTKEYR, 4, OPTKEY1 & 0xffff_ffffL);
            bus.write(FLASH_OPTKEYR, 4, OPTKEY2 & 0xffff_ffffL);
            optcr = (int) bus.read(FLASH_OPTCR, 4);
          }
          int bits = 0;
          for (long at = address; at < address + length; at += geometry.blockSizeAt(at)) {
            bits |= 1 << (OPTCR_NWRP_SHIFT + geometry.blockIndex(at));
          }
          int value = on ? optcr & ~bits : optcr | bits;
          try {
            bus.write(FLASH_OPTCR, 4, value & ~OPTCR_OPTLOCK);
            bus.write(FLASH_OPTCR, 4, (value & ~OPTCR_OPTLOCK) | OPTCR_OPTSTRT);
            check(bus, waitIdle(bus, OPTION_TIMEOUT_NANOS, operation, address), operation, address);
          } finally {
            bus.write(FLASH_OPTCR, 4, (int) bus.read(FLASH_OPTCR, 4) | OPTCR_OPTLOCK);
          }
          return null;
        });
  }

  @Override
  public void close() {
    try {
      claim.exclusive(
          bus -> {
            bus.write(FLASH_CR, 4, CR_LOCK & 0xffff_ffffL);
            return null;
          });
    } catch (RuntimeException ignored) {
      // the claim may be gone with the power; releasing it is what matters
    } finally {
      claim.close();
    }
  }

  @Override
  public String toString() {
    return name + ": " + identity.interfaceDescription();
  }
}
