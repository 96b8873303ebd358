package org.flashstack.hw.cfi;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaFaultException;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioSession;

/**
 * AMD/Fujitsu devices on a bus, as on a board: {@code interleave} devices, each {@code deviceWidth}
 * bytes wide, side by side, device {@code i} on the bus bytes {@code [i * deviceWidth, (i + 1) *
 * deviceWidth)} of every bank word (counted by address). Each device is its own state machine: a
 * bus write reaches only the devices whose lanes it covers (a write narrower than one device's lane
 * is refused, as it would reach half a device), and a bus read returns each device's own answer on
 * its lanes, so devices may be in different modes at once. Each device answers one bus read once
 * (its toggle bits move once per read), however wide the read.
 */
public final class AmdCfiBank implements MmioBus {

  private final String name;
  private final List<AmdCommandSetChip> chips;
  private final long size;
  private final int deviceWidth;
  private final int bankWidth;
  private final BusLanes bus;

  /** The writes the devices ask for in one bus write, done together at its end; null if none. */
  private final ChipCells.LaneWrites writes;

  /**
   * One device alone on its bus, as wide as the device, little endian.
   *
   * @param name the bank's (device's) name
   * @param chip the device
   * @param size its size in bytes
   * @param width the bus width: 1 (x8) or 2 (x16)
   */
  public AmdCfiBank(String name, AmdCommandSetChip chip, long size, int width) {
    this(name, List.of(chip), width, ByteOrder.LITTLE_ENDIAN, size, null);
  }

  private AmdCfiBank(
      String name,
      List<AmdCommandSetChip> chips,
      int deviceWidth,
      ByteOrder byteOrder,
      long size,
      ChipCells.LaneWrites writes) {
    if (deviceWidth != 1 && deviceWidth != 2) {
      throw new IllegalArgumentException(
          name + ": an AMD device's bus is 1 or 2 bytes, not " + deviceWidth);
    }
    if (chips.isEmpty() || chips.size() * deviceWidth > 8) {
      throw new IllegalArgumentException(
          name + ": " + chips.size() + " devices of " + deviceWidth + " bytes do not fit a bus");
    }
    this.name = Objects.requireNonNull(name);
    this.chips = List.copyOf(chips);
    this.size = size;
    this.deviceWidth = deviceWidth;
    this.bankWidth = deviceWidth * chips.size();
    List<BusLanes.Lane> lanes = new java.util.ArrayList<>();
    for (AmdCommandSetChip chip : this.chips) {
      lanes.add(
          new BusLanes.Lane() {
            @Override
            public long read(long deviceOffset) {
              return chip.read(deviceOffset);
            }

            @Override
            public void write(long deviceOffset, long value) {
              chip.write(deviceOffset, (int) value);
            }
          });
    }
    this.bus = new BusLanes(name, size, deviceWidth, byteOrder, lanes);
    this.writes = writes;
  }

  /**
   * A bank of {@code interleave} devices of {@code part} on one media holding the bus image (the
   * layout an image file of the bank has): each device programs and writes its own lane of it.
   *
   * @param name the bank's name
   * @param part the part every device is
   * @param media the bank's cells: the part's sectors, each {@code interleave} times as large
   * @param deviceWidth 1 (byte mode, or an x8 part) or 2 (word mode)
   * @param interleave devices side by side
   * @param byteOrder how bus values map onto byte addresses
   * @param clock the emulated clock busy times run on
   * @throws IllegalArgumentException if the part cannot run at that width or the media does not fit
   */
  public static AmdCfiBank onMedia(
      String name,
      CfiPart part,
      FlashMedia media,
      int deviceWidth,
      int interleave,
      ByteOrder byteOrder,
      EmulatedClock clock) {
    if (!part.isAmd()) {
      throw new IllegalArgumentException(
          name + ": " + part.name() + " does not speak the AMD/Fujitsu command set");
    }
    if (deviceWidth == 1 ? !part.supportsByteMode() : !part.supportsWordMode()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %s has no %s mode (device interface code 0x%04x)",
              name,
              part.name(),
              deviceWidth == 1 ? "x8 (byte)" : "x16 (word)",
              part.interfaceCode()));
    }
    if (media.size() != part.size() * interleave) {
      throw new IllegalArgumentException(
          String.format(
              "%s: media of %d bytes does not fit %d x %s (%d bytes)",
              name, media.size(), interleave, part.name(), part.size() * interleave));
    }
    ChipCells.LaneWrites writes =
        new ChipCells.LaneWrites(media, interleave, deviceWidth, byteOrder);
    List<ChipCells> lanes = ChipCells.bank(media, interleave, deviceWidth, byteOrder, writes);
    List<AmdCommandSetChip> chips = new java.util.ArrayList<>();
    for (int lane = 0; lane < interleave; lane++) {
      ChipCells cells = lanes.get(lane);
      chips.add(
          new AmdCommandSetChip(
              interleave == 1 ? name : name + "." + lane,
              cells,
              clock,
              part.amdPart(),
              deviceWidth == 2,
              part.query()));
    }
    return new AmdCfiBank(name, chips, deviceWidth, byteOrder, media.size(), writes);
  }

  /**
   * @return the sectors of a bank of {@code interleave} devices of {@code part}, in bank bytes
   */
  public static List<EraseRegion> bankSectors(CfiPart part, int interleave) {
    List<EraseRegion> bank = new java.util.ArrayList<>();
    for (EraseRegion region : part.sectors()) {
      bank.add(
          new EraseRegion(
              region.offset() * interleave, region.blockSize() * interleave, region.blockCount()));
    }
    return bank;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return size;
  }

  /**
   * @return the devices, lowest bus address first
   */
  public List<AmdCommandSetChip> chips() {
    return chips;
  }

  /**
   * @return bytes on the bus
   */
  public int bankWidth() {
    return bankWidth;
  }

  @Override
  public synchronized long read(long offset, int accessWidth) {
    bus.checkAccess(offset, accessWidth, "read");
    return bus.read(offset, accessWidth);
  }

  @Override
  public synchronized void write(long offset, int accessWidth, long value) {
    bus.checkAccess(offset, accessWidth, "write");
    if (writes != null) {
      writes.open();
    }
    try {
      bus.write(offset, accessWidth, value);
      if (writes != null) {
        writes.close();
      }
    } catch (MediaFaultException e) {
      discard();
      // the image can no longer be trusted: the bus faults the access
      throw new MmioAccessException(e.getMessage());
    } catch (RuntimeException e) {
      discard();
      throw e;
    }
  }

  private void discard() {
    if (writes != null) {
      writes.discard();
    }
  }

  @Override
  public synchronized void readBulk(
      long offset, byte[] destination, int destinationOffset, int length) {
    Objects.checkFromIndexSize(destinationOffset, length, destination.length);
    bus.checkBulk(offset, length);
    bus.readBulk(offset, destination, destinationOffset, length);
  }

  @Override
  public synchronized <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X {
    return session.run(this);
  }

  /**
   * @return whether any device is busy with a program or erase
   */
  public synchronized boolean isBusy() {
    for (AmdCommandSetChip chip : chips) {
      if (chip.isBusy()) {
        return true;
      }
    }
    return false;
  }

  /** Power-up of every device. */
  public synchronized void powerUpReset() {
    for (AmdCommandSetChip chip : chips) {
      chip.powerUp();
    }
  }

  @Override
  public String toString() {
    return String.format(
        "%s: AMD/Fujitsu CFI NOR, %d x%d on a %d-bit bus",
        name, chips.size(), 8 * deviceWidth, 8 * bankWidth);
  }
}
