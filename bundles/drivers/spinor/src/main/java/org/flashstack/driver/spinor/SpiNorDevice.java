package org.flashstack.driver.spinor;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashIdentity;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.api.spi.SpiSegment;

/**
 * One SPI NOR chip driven as a {@link FlashDevice} with what {@link SpiNorProbe} discovered: reads
 * in the chosen mode, programs split at page boundaries, erases covering the range with the fewest
 * operations the sector map allows (a chip erase for the whole part), each waited for by polling
 * SR1 within the table's maximum time and checked afterwards (a program whose zero bits did not
 * land, or an erase that left data, is {@link FlashError#PROTECTED}: the chip refused it). The
 * 4-byte mode, where the part needs one, is entered before every operation, so a reset or power
 * cycle of the chip in between does no harm. {@link #detail} gives the {@link SpiNorParameters} and
 * {@link SpiNorRaw} (raw command pass-through). The virtualizer calls it one operation at a time.
 */
final class SpiNorDevice implements FlashDevice, SpiNorRaw {

  private final SpiNorBus bus;
  private final SpiNorParameters parameters;
  private final FlashIdentity identity;

  SpiNorDevice(SpiNorBus bus, SpiNorParameters parameters) {
    this.bus = bus;
    this.parameters = parameters;
    byte[] id = parameters.jedecId();
    SpiNorParameters.ReadMode read = parameters.read();
    this.identity =
        new FlashIdentity(
            id[0] & 0xff,
            (id[1] & 0xff) << 8 | (id[2] & 0xff),
            String.format(
                "SPI NOR on %s cs%d, %s, read %s (%02Xh), %d-byte addresses%s",
                bus.device().bus(),
                bus.device().chipSelect(),
                parameters.source(),
                read.mode(),
                read.opcode(),
                parameters.addressBytes(),
                parameters.fourByteOpcodes() ? " (4-byte instructions)" : ""));
  }

  @Override
  public String name() {
    return bus.name();
  }

  @Override
  public FlashIdentity identity() {
    return identity;
  }

  @Override
  public FlashGeometry geometry() {
    return parameters.geometry();
  }

  private void addressMode(String operation) throws FlashException {
    if (parameters.enterFourByte() >= 0) {
      if (parameters.enterNeedsWriteEnable()) {
        bus.command(operation, SpiNorBus.WRITE_ENABLE);
      }
      bus.command(operation, parameters.enterFourByte());
    }
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length) throws FlashException {
    if (length == 0) {
      return;
    }
    addressMode("read");
    readArray("read", address, destination, offset, length);
  }

  /** A read in the chosen mode, the address mode already set (program and erase checks). */
  private void readArray(String operation, long address, byte[] destination, int offset, int length)
      throws FlashException {
    SpiNorParameters.ReadMode read = parameters.read();
    bus.read(
        operation,
        read.opcode(),
        address,
        parameters.addressBytes(),
        read.addressLanes(),
        read.waitClocks(),
        read.dataLanes(),
        destination,
        offset,
        length);
  }

  @Override
  public void program(long address, byte[] source, int offset, int length) throws FlashException {
    addressMode("program");
    long page = parameters.pageSize();
    int done = 0;
    while (done < length) {
      long at = address + done;
      int chunk = (int) Math.min(length - done, page - at % page);
      bus.writeEnable("program", at);
      byte[] head = new byte[1 + parameters.addressBytes()];
      head[0] = (byte) parameters.programOpcode();
      System.arraycopy(
          SpiNorBus.address(at, parameters.addressBytes()), 0, head, 1, parameters.addressBytes());
      bus.transfer(
          "program",
          at,
          List.of(
              SpiSegment.transmit(head),
              SpiSegment.transmit(SpiLanes.SINGLE, source, offset + done, chunk)));
      bus.waitReady("program", at, parameters.programTimeoutNanos());
      byte[] back = new byte[chunk];
      readArray("program", at, back, 0, chunk);
      for (int i = 0; i < chunk; i++) {
        if ((back[i] & ~source[offset + done + i] & 0xff) != 0) {
          FlagStatus.failure(bus, identity.manufacturerId(), "program", at + i, false);
          throw new FlashException(
              FlashError.PROTECTED,
              name(),
              "program",
              at + i,
              "the chip did not program the page: it is write-protected (block protection bits), or"
                  + " its cells failed (the part has no flag that tells which)");
        }
      }
      done += chunk;
    }
  }

  @Override
  public void erase(long address, long length) throws FlashException {
    addressMode("erase");
    if (address == 0 && length == parameters.geometry().size()) {
      bus.writeEnable("erase", 0);
      bus.command("erase", 0xc7);
      bus.waitReady("erase", 0, parameters.chipEraseTimeoutNanos());
      checkErased(0, length);
      return;
    }
    long at = address;
    long end = address + length;
    while (at < end) {
      SpiNorParameters.Erase erase = largestAt(at, end);
      bus.writeEnable("erase", at);
      byte[] command = new byte[1 + parameters.addressBytes()];
      command[0] = (byte) erase.opcode();
      System.arraycopy(
          SpiNorBus.address(at, parameters.addressBytes()),
          0,
          command,
          1,
          parameters.addressBytes());
      bus.transfer("erase", at, List.of(SpiSegment.transmit(command)));
      bus.waitReady("erase", at, erase.timeoutNanos());
      checkErased(at, erase.size());
      at += erase.size();
    }
  }

  /** The largest erase type that works at {@code at}, is aligned there and ends by {@code end}. */
  SpiNorParameters.Erase largestAt(long at, long end) throws FlashException {
    for (SpiNorParameters.Region region : parameters.regions()) {
      if (at < region.offset() || at >= region.offset() + region.size()) {
        continue;
      }
      for (SpiNorParameters.Erase erase : parameters.erases()) {
        if (region.eraseTypes().contains(erase.number())
            && at % erase.size() == 0
            && at + erase.size() <= end
            && at + erase.size() <= region.offset() + region.size()) {
          return erase;
        }
      }
    }
    throw new FlashException(
        FlashError.MISALIGNED,
        name(),
        "erase",
        at,
        "no erase type of this part covers the range from here; ends must be erase block boundaries");
  }

  private void checkErased(long at, long length) throws FlashException {
    byte[] edge = new byte[(int) Math.min(16, length)];
    for (long probe : new long[] {at, at + length - edge.length}) {
      readArray("erase", probe, edge, 0, edge.length);
      for (byte b : edge) {
        if (b != (byte) 0xff) {
          FlagStatus.failure(bus, identity.manufacturerId(), "erase", probe, true);
          throw new FlashException(
              FlashError.PROTECTED,
              name(),
              "erase",
              probe,
              "the chip kept its data: the range is write-protected (block protection bits), or"
                  + " its cells failed (the part has no flag that tells which)");
        }
      }
    }
  }

  @Override
  public void transfer(List<SpiSegment> segments) throws FlashException {
    bus.transfer("raw command", 0, segments);
  }

  @Override
  public <T> Optional<T> detail(Class<T> type) {
    if (type == SpiNorParameters.class) {
      return Optional.of(type.cast(parameters));
    }
    if (type == SpiNorRaw.class) {
      return Optional.of(type.cast(this));
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    // nothing held: the SPI device is the virtualizer's
  }

  @Override
  public String toString() {
    return name()
        + ": JEDEC "
        + SpiNorProbe.hex(parameters.jedecId(), 3)
        + ", "
        + identity.interfaceDescription()
        + ", "
        + Arrays.toString(parameters.corrections().toArray());
  }
}
