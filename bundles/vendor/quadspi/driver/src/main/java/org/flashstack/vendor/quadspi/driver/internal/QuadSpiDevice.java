package org.flashstack.vendor.quadspi.driver.internal;

import static org.flashstack.vendor.quadspi.registers.QuadSpiRegisters.*;

import java.util.concurrent.TimeUnit;
import org.flashstack.api.clock.Deadline;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.PowerLossException;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashIdentity;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioClaim;
import org.flashstack.sfdp.BasicFlashParameterTable;
import org.flashstack.sfdp.SfdpDecoder;
import org.flashstack.sfdp.SfdpFormatException;
import org.flashstack.sfdp.SfdpSpace;

/**
 * The SPI NOR chip on flash 1 of a quadspi controller, driven through the controller's registers
 * only: reads through the memory-mapped window (Fast Read 0Bh, execute in place), Write Enable,
 * Page Program 02h and the SFDP's 4 KiB erase by indirect writes, WIP waited for by the
 * controller's automatic status polling (Read Status 05h, mask 01h, match 00h). 4-byte mode, where
 * the part needs it, is entered before every operation (it is volatile: a power cycle leaves the
 * chip in 3-byte mode).
 */
public final class QuadSpiDevice implements FlashDevice {

  private static final int WRITE_ENABLE = 0x06;
  private static final int READ_STATUS = 0x05;
  private static final int WRITE_STATUS = 0x01;
  private static final int PAGE_PROGRAM = 0x02;
  private static final int FAST_READ = 0x0b;
  private static final int READ_ID = 0x9f;
  private static final int READ_SFDP = 0x5a;
  private static final int ENTER_4_BYTE = 0xb7;
  private static final int EXIT_4_BYTE = 0xe9;
  private static final int STATUS_WIP = 0x01;
  private static final int STATUS_BLOCK_PROTECT = 0x7c;

  private final String name;
  private final MmioClaim claim;
  private final EmulatedClock clock;
  private final FlashGeometry geometry;
  private final FlashIdentity identity;
  private final int addressBytes;
  private final boolean writeEnableBefore4Byte;
  private final int eraseOpcode;
  private final long programTimeoutNanos;
  private final long eraseTimeoutNanos;

  private QuadSpiDevice(
      String name,
      MmioClaim claim,
      EmulatedClock clock,
      FlashGeometry geometry,
      FlashIdentity identity,
      int addressBytes,
      boolean writeEnableBefore4Byte,
      int eraseOpcode,
      long programTimeoutNanos,
      long eraseTimeoutNanos) {
    this.name = name;
    this.claim = claim;
    this.clock = clock;
    this.geometry = geometry;
    this.identity = identity;
    this.addressBytes = addressBytes;
    this.writeEnableBefore4Byte = writeEnableBefore4Byte;
    this.eraseOpcode = eraseOpcode;
    this.programTimeoutNanos = programTimeoutNanos;
    this.eraseTimeoutNanos = eraseTimeoutNanos;
  }

  /**
   * Learns the chip from RDID and SFDP through the controller, clears block protection, and sets
   * the controller's flash size.
   *
   * @throws FlashException NOT_SUPPORTED for a chip without usable SFDP, a 4 KiB erase or a way
   *     into 4-byte addressing where it needs one; DEVICE_FAULT for a controller that refuses
   */
  public static QuadSpiDevice attach(String name, MmioClaim claim, EmulatedClock clock)
      throws FlashException {
    try {
      return claim.exclusive(bus -> probe(name, claim, clock, bus));
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

  private static QuadSpiDevice probe(String name, MmioClaim claim, EmulatedClock clock, MmioBus bus)
      throws FlashException {
    bus.write(QUADSPI_CR, 4, CR_ABORT);
    bus.write(QUADSPI_CR, 4, CR_EN | 1 << CR_PRESCALER_SHIFT);
    bus.write(QUADSPI_DCR, 4, 31 << DCR_FSIZE_SHIFT);
    byte[] id = read(bus, name, READ_ID, 0, 0, 0, 3);
    if ((id[0] & 0xff) == 0xff || (id[0] | id[1] | id[2]) == 0) {
      throw new FlashException(
          FlashError.NOT_SUPPORTED, name, "probe", -1, "no chip answers RDID (9Fh) on flash 1");
    }
    byte[] head = read(bus, name, READ_SFDP, 3, 0, 8, 8);
    int headers = (head[6] & 0xff) + 1;
    byte[] table = read(bus, name, READ_SFDP, 3, 0, 8, 8 + 8 * headers);
    int end = 8 + 8 * headers;
    for (int h = 0; h < headers; h++) {
      int at = 8 + 8 * h;
      int length = (table[at + 3] & 0xff) * 4;
      int pointer =
          (table[at + 4] & 0xff) | (table[at + 5] & 0xff) << 8 | (table[at + 6] & 0xff) << 16;
      end = Math.max(end, pointer + length);
    }
    if (end > 1 << 16) {
      throw new FlashException(
          FlashError.NOT_SUPPORTED, name, "probe", -1, "the SFDP headers point past 64 KiB");
    }
    SfdpSpace space;
    try {
      space = SfdpDecoder.decode(read(bus, name, READ_SFDP, 3, 0, 8, end));
    } catch (SfdpFormatException e) {
      throw new FlashException(
          FlashError.NOT_SUPPORTED, name, "probe", -1, "no usable SFDP: " + e.getMessage(), e);
    }
    BasicFlashParameterTable bfpt = space.bfpt();
    if (bfpt.erase4kOpcode() == null) {
      throw new FlashException(
          FlashError.NOT_SUPPORTED, name, "probe", -1, "the SFDP announces no 4 KiB erase");
    }
    long size = bfpt.densityBytes();
    int addressBytes = size > 1 << 24 ? 4 : 3;
    boolean writeEnableBefore4Byte = false;
    if (addressBytes == 4) {
      if (bfpt.enter4ByteMethods().isEmpty()) {
        // a JESD216 (1.0) table is too short to say; EN4B (B7h) is what such parts take, as
        // Linux's spi-nor assumes
        writeEnableBefore4Byte = false;
      } else if (bfpt.enter4ByteMethods().contains("instruction B7h")) {
        writeEnableBefore4Byte = false;
      } else if (bfpt.enter4ByteMethods().contains("write enable 06h, then B7h")) {
        writeEnableBefore4Byte = true;
      } else {
        throw new FlashException(
            FlashError.NOT_SUPPORTED,
            name,
            "probe",
            -1,
            "a "
                + (size >> 20)
                + " MiB part without B7h entry into 4-byte mode: "
                + bfpt.enter4ByteMethods());
      }
    }
    int pageSize = bfpt.pageSize() == null ? 256 : bfpt.pageSize();
    long programMax =
        bfpt.pageProgramMaximumMicros() == null ? 10_000 : bfpt.pageProgramMaximumMicros();
    long eraseMax =
        bfpt.eraseTypes().stream()
            .filter(type -> type.size() == 4096 && type.maximumMillis() != null)
            .mapToLong(type -> type.maximumMillis())
            .findFirst()
            .orElse(2_000);
    QuadSpiDevice device =
        new QuadSpiDevice(
            name,
            claim,
            clock,
            FlashGeometry.uniform(4096, (int) (size / 4096), 1, pageSize),
            new FlashIdentity(
                id[0] & 0xff,
                (id[1] & 0xff) << 8 | id[2] & 0xff,
                String.format(
                    "SPI NOR behind a quadspi controller, SFDP %d.%d, %d-byte addresses, reads 0Bh"
                        + " through the memory-mapped window",
                    space.revision().major(), space.revision().minor(), addressBytes)),
            addressBytes,
            writeEnableBefore4Byte,
            bfpt.erase4kOpcode(),
            TimeUnit.MICROSECONDS.toNanos(Math.max(programMax, 1_000) * 4),
            TimeUnit.MILLISECONDS.toNanos(Math.max(eraseMax, 100) * 4));
    bus.write(QUADSPI_DCR, 4, (63 - Long.numberOfLeadingZeros(size) - 1) << DCR_FSIZE_SHIFT);
    device.enterAddressMode(bus);
    int status = read(bus, name, READ_STATUS, 0, 0, 0, 1)[0] & 0xff;
    if ((status & STATUS_BLOCK_PROTECT) != 0) {
      device.command(bus, WRITE_ENABLE);
      device.write(bus, WRITE_STATUS, 0, 0, new byte[] {0});
      device.waitReady(bus, device.programTimeoutNanos, "unprotect", -1);
    }
    return device;
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

  @FunctionalInterface
  private interface Work<T> {
    T run(MmioBus bus) throws FlashException;
  }

  private <T> T onController(String operation, long address, Work<T> work) throws FlashException {
    try {
      return claim.exclusive(
          bus -> {
            enterAddressMode(bus);
            return work.run(bus);
          });
    } catch (PowerLossException e) {
      claim.acknowledgePowerLoss();
      throw new FlashException(FlashError.POWER_LOST, name, operation, address, e.getMessage(), e);
    } catch (MmioAccessException e) {
      throw new FlashException(
          FlashError.DEVICE_FAULT, name, operation, address, e.getMessage(), e);
    }
  }

  private void enterAddressMode(MmioBus bus) throws FlashException {
    if (addressBytes == 4) {
      if (writeEnableBefore4Byte) {
        command(bus, WRITE_ENABLE);
      }
      command(bus, ENTER_4_BYTE);
    }
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length) throws FlashException {
    onController(
        "read",
        address,
        bus -> {
          bus.write(
              QUADSPI_CCR,
              4,
              ccr(
                  FAST_READ,
                  MODE_SINGLE,
                  MODE_SINGLE,
                  addressBytes,
                  8,
                  MODE_SINGLE,
                  FMODE_MEMORY_MAPPED));
          bus.readBulk(WINDOW_BASE + address, destination, offset, length);
          bus.write(QUADSPI_CR, 4, bus.read(QUADSPI_CR, 4) | CR_ABORT);
          return null;
        });
  }

  @Override
  public void program(long address, byte[] source, int offset, int length) throws FlashException {
    onController(
        "program",
        address,
        bus -> {
          int page = geometry.writeBufferSize();
          int done = 0;
          while (done < length) {
            long at = address + done;
            int chunk = (int) Math.min(length - done, page - at % page);
            command(bus, WRITE_ENABLE);
            byte[] data =
                java.util.Arrays.copyOfRange(source, offset + done, offset + done + chunk);
            write(bus, PAGE_PROGRAM, addressBytes, at, data);
            waitReady(bus, programTimeoutNanos, "program", at);
            done += chunk;
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
          for (long at = address; at < address + length; at += 4096) {
            command(bus, WRITE_ENABLE);
            write(bus, eraseOpcode, addressBytes, at, null);
            waitReady(bus, eraseTimeoutNanos, "erase", at);
          }
          return null;
        });
  }

  /** An instruction alone (Write Enable, Enter 4-byte mode): starts when CCR is written. */
  private void command(MmioBus bus, int instruction) throws FlashException {
    idle(bus, "command", -1);
    bus.write(QUADSPI_DLR, 4, 0);
    bus.write(
        QUADSPI_CCR,
        4,
        ccr(instruction, MODE_SINGLE, MODE_NONE, 0, 0, MODE_NONE, FMODE_INDIRECT_WRITE));
    checkTransfer(bus, "command", -1);
  }

  /** An instruction with an address and data (or none): indirect write, started by AR or DR. */
  private void write(MmioBus bus, int instruction, int addressLength, long address, byte[] data)
      throws FlashException {
    idle(bus, "write", address);
    int dmode = data == null ? MODE_NONE : MODE_SINGLE;
    bus.write(QUADSPI_DLR, 4, data == null ? 0 : data.length - 1);
    bus.write(
        QUADSPI_CCR,
        4,
        ccr(
            instruction,
            MODE_SINGLE,
            addressLength == 0 ? MODE_NONE : MODE_SINGLE,
            addressLength,
            0,
            dmode,
            FMODE_INDIRECT_WRITE));
    if (addressLength > 0) {
      bus.write(QUADSPI_AR, 4, address);
    }
    if (data != null) {
      int i = 0;
      for (; i + 4 <= data.length; i += 4) {
        bus.write(
            QUADSPI_DR,
            4,
            (data[i] & 0xffL)
                | (data[i + 1] & 0xffL) << 8
                | (data[i + 2] & 0xffL) << 16
                | (data[i + 3] & 0xffL) << 24);
      }
      for (; i < data.length; i++) {
        bus.write(QUADSPI_DR, 1, data[i] & 0xffL);
      }
    }
    checkTransfer(bus, "write", address);
  }

  /** An indirect read of {@code length} bytes, drained from the FIFO. */
  private static byte[] read(
      MmioBus bus,
      String name,
      int instruction,
      int addressLength,
      long address,
      int dummy,
      int length)
      throws FlashException {
    bus.write(QUADSPI_FCR, 4, FCR_CTEF | FCR_CTCF | FCR_CSMF);
    bus.write(QUADSPI_DLR, 4, length - 1);
    bus.write(
        QUADSPI_CCR,
        4,
        ccr(
            instruction,
            MODE_SINGLE,
            addressLength == 0 ? MODE_NONE : MODE_SINGLE,
            addressLength,
            dummy,
            MODE_SINGLE,
            FMODE_INDIRECT_READ));
    if (addressLength > 0) {
      bus.write(QUADSPI_AR, 4, address);
    }
    if ((bus.read(QUADSPI_SR, 4) & SR_TEF) != 0) {
      bus.write(QUADSPI_FCR, 4, FCR_CTEF);
      throw new FlashException(
          FlashError.DEVICE_FAULT, name, "read", address, "QUADSPI transfer error (SR.TEF)");
    }
    byte[] data = new byte[length];
    int done = 0;
    while (done < length) {
      int level = (int) (bus.read(QUADSPI_SR, 4) >>> SR_FLEVEL_SHIFT) & 0x3f;
      if (level == 0) {
        throw new FlashException(
            FlashError.DEVICE_FAULT, name, "read", address, "the FIFO ran dry before DLR+1 bytes");
      }
      int width = Math.min(4, Math.min(level, length - done));
      width = width == 3 ? 2 : width;
      long value = bus.read(QUADSPI_DR, width);
      for (int i = 0; i < width; i++) {
        data[done++] = (byte) (value >>> (8 * i));
      }
    }
    return data;
  }

  private void idle(MmioBus bus, String operation, long address) throws FlashException {
    if ((bus.read(QUADSPI_SR, 4) & SR_BUSY) != 0) {
      bus.write(QUADSPI_CR, 4, bus.read(QUADSPI_CR, 4) | CR_ABORT);
    }
    bus.write(QUADSPI_FCR, 4, FCR_CTEF | FCR_CTCF | FCR_CSMF);
  }

  private void checkTransfer(MmioBus bus, String operation, long address) throws FlashException {
    if ((bus.read(QUADSPI_SR, 4) & SR_TEF) != 0) {
      bus.write(QUADSPI_FCR, 4, FCR_CTEF);
      throw new FlashException(
          FlashError.DEVICE_FAULT, name, operation, address, "QUADSPI transfer error (SR.TEF)");
    }
  }

  /**
   * Automatic status polling until WIP clears, within {@code timeoutNanos} on the clock; the time
   * is taken before each status read (see Deadline).
   */
  private void waitReady(MmioBus bus, long timeoutNanos, String operation, long address)
      throws FlashException {
    bus.write(QUADSPI_FCR, 4, FCR_CSMF | FCR_CTCF);
    bus.write(QUADSPI_PSMKR, 4, STATUS_WIP);
    bus.write(QUADSPI_PSMAR, 4, 0);
    bus.write(QUADSPI_DLR, 4, 0);
    bus.write(QUADSPI_CR, 4, (bus.read(QUADSPI_CR, 4) | CR_APMS) & ~CR_PMM);
    bus.write(
        QUADSPI_CCR,
        4,
        ccr(READ_STATUS, MODE_SINGLE, MODE_NONE, 0, 0, MODE_SINGLE, FMODE_AUTO_POLLING));
    Deadline deadline = Deadline.after(clock, timeoutNanos);
    long step = Math.max(1_000, timeoutNanos / 256);
    while (true) {
      boolean late = deadline.passed();
      long status = bus.read(QUADSPI_SR, 4);
      if ((status & SR_SMF) != 0) {
        bus.write(QUADSPI_FCR, 4, FCR_CSMF | FCR_CTCF);
        return;
      }
      if ((status & SR_TEF) != 0) {
        bus.write(QUADSPI_CR, 4, bus.read(QUADSPI_CR, 4) | CR_ABORT);
        throw new FlashException(
            FlashError.DEVICE_FAULT,
            name,
            operation,
            address,
            "QUADSPI transfer error while polling");
      }
      if (late) {
        bus.write(QUADSPI_CR, 4, bus.read(QUADSPI_CR, 4) | CR_ABORT);
        throw new FlashException(
            FlashError.TIMEOUT,
            name,
            operation,
            address,
            String.format(
                "still busy (WIP) after %d ms", TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
      }
      clock.pause(Math.min(step, deadline.remaining() + 1));
    }
  }

  @Override
  public void close() {
    try {
      claim.exclusive(
          bus -> {
            if (addressBytes == 4) {
              // leave the chip in 3-byte mode, as it powers up, for whoever drives it next
              command(bus, EXIT_4_BYTE);
            }
            bus.write(QUADSPI_CR, 4, CR_ABORT);
            return null;
          });
    } catch (RuntimeException | FlashException ignored) {
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
