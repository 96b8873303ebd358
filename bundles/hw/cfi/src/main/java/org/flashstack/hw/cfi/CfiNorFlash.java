package org.flashstack.hw.cfi;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaFaultException;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bank of CFI parallel NOR flash devices speaking the Intel/Sharp command set, seen through its
 * MMIO window, as devices sit on a board: {@code interleave} devices side by side, device {@code i}
 * on the bus bytes {@code [i * deviceWidth, (i + 1) * deviceWidth)} of every bank word (by
 * address), each an {@link IntelCommandSetChip} with its own write state machine and status
 * register on its own lane of the bank's media (the image holds the bus layout).
 *
 * <p>A bus write reaches the devices whose lanes it covers (a write narrower than one device is
 * refused, as it would reach half a device), so devices may be given different commands and be in
 * different modes; a bus read returns each device's own answer on its lanes. While every device
 * reads its array, reads come straight from the media and bulk reads copy it without taking the
 * device lock. With a clock, each device is busy for the typical times of its query table.
 *
 * <p>Block locks are volatile: {@link #powerUpReset()} restores the power-up state. Thread-safe:
 * every access is atomic and {@link #exclusive} holds the bank for a whole sequence. These are the
 * raw registers: in a product they are reached through a claim ({@code ClaimableMmioDevice}).
 */
public final class CfiNorFlash implements MmioBus {

  private static final Logger LOG = LoggerFactory.getLogger(CfiNorFlash.class);

  private final Object deviceLock = new Object();

  /**
   * A sequence lock beside the device lock, so that a bulk read while every device reads its array
   * can copy the cells without taking the device lock. Cells change only while a device is out of
   * Read Array (every program and erase command leaves it first), so what an optimistic read must
   * notice is the bank going into or out of "all reading the array" and the start of an exclusive
   * session: those hold its write lock, and a read that overlapped one is redone under the lock.
   */
  private final StampedLock changes = new StampedLock();

  /** Exclusive sessions in progress (0 or 1, more when nested); guarded by the device lock. */
  private volatile int sessions;

  /** Whether every device reads its array; changed under the device lock and the write lock. */
  private volatile boolean allReadArray = true;

  private final String name;
  private final CfiDeviceParameters parameters;
  private final FlashMedia media;
  private final long size;
  private final int bankWidth;
  private final int deviceWidth;
  private final ByteOrder byteOrder;
  private final List<IntelCommandSetChip> chips;
  private final BusLanes bus;
  private final List<EraseRegion> blocks;
  private final ChipCells.LaneWrites writes;
  private String lastAbortReason = "";

  /**
   * @param parameters the bank's configuration; a block count of 0 takes the count from the media
   * @param media the cells; its size and block size must match the parameters
   * @throws IllegalArgumentException if the media does not fit the parameters
   */
  public CfiNorFlash(CfiDeviceParameters parameters, FlashMedia media) {
    this(parameters, media, null);
  }

  /**
   * A bank of identical devices the parameters describe (uniform blocks, the generated query table,
   * suspend and resume, volatile block locks).
   *
   * @param parameters the bank's configuration; a block count of 0 takes the count from the media
   * @param media the cells; its size and sector size must match the parameters
   * @param clock the clock busy times run on, or null for operations that complete at once
   * @throws IllegalArgumentException if the media does not fit the parameters
   */
  public CfiNorFlash(CfiDeviceParameters parameters, FlashMedia media, EmulatedClock clock) {
    this(
        resolve(parameters, media),
        media,
        clock,
        CfiQueryTable.build(resolve(parameters, media)),
        new IntelCommandSetChip.Features(
            parameters.manufacturerId(),
            parameters.deviceId(),
            parameters.writeBufferSize(),
            parameters.lockedAtPowerUp(),
            false,
            false,
            true,
            -1,
            false));
    if (media.sectors().size() != 1
        || media.sectors().get(0).blockSize() != this.parameters.blockSize()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: media in sectors %s does not fit the device's %d-byte blocks",
              name, media.sectors(), this.parameters.blockSize()));
    }
  }

  private static CfiDeviceParameters resolve(CfiDeviceParameters parameters, FlashMedia media) {
    CfiDeviceParameters resolved =
        parameters.blockCount() == 0 ? parameters.withBlockCount(media.sectorCount()) : parameters;
    if (media.size() != resolved.size()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: media of %d bytes in sectors %s does not fit the device (%d blocks of %d bytes)",
              resolved.name(),
              media.size(),
              media.sectors(),
              resolved.blockCount(),
              resolved.blockSize()));
    }
    return resolved;
  }

  private CfiNorFlash(
      CfiDeviceParameters parameters,
      FlashMedia media,
      EmulatedClock clock,
      byte[] query,
      IntelCommandSetChip.Features features) {
    this(
        parameters.name(),
        parameters,
        media,
        parameters.bankWidth(),
        parameters.deviceWidth(),
        parameters.byteOrder(),
        clock,
        query,
        features);
  }

  private CfiNorFlash(
      String name,
      CfiDeviceParameters parameters,
      FlashMedia media,
      int bankWidth,
      int deviceWidth,
      ByteOrder byteOrder,
      EmulatedClock clock,
      byte[] query,
      IntelCommandSetChip.Features features) {
    this.name = Objects.requireNonNull(name);
    this.parameters = parameters;
    this.media = Objects.requireNonNull(media, "media");
    if (media.eraseValue() != 0xff) {
      throw new IllegalArgumentException(
          name + ": NOR flash writes to 0xff; the media writes to " + media.eraseValue());
    }
    this.size = media.size();
    this.bankWidth = bankWidth;
    this.deviceWidth = deviceWidth;
    this.byteOrder = byteOrder;
    this.blocks = media.sectors();
    int interleave = bankWidth / deviceWidth;
    this.writes = new ChipCells.LaneWrites(media, interleave, deviceWidth, byteOrder);
    List<ChipCells> lanes = ChipCells.bank(media, interleave, deviceWidth, byteOrder, writes);
    List<IntelCommandSetChip> devices = new ArrayList<>();
    for (int lane = 0; lane < interleave; lane++) {
      ChipCells cells = lanes.get(lane);
      devices.add(
          new IntelCommandSetChip(
              interleave == 1 ? name : name + "." + lane,
              cells,
              deviceWidth,
              query,
              features,
              clock,
              this::aborted));
    }
    this.chips = List.copyOf(devices);
    List<BusLanes.Lane> busLanes = new ArrayList<>();
    for (IntelCommandSetChip chip : chips) {
      busLanes.add(
          new BusLanes.Lane() {
            @Override
            public long read(long deviceOffset) {
              return chip.read(deviceOffset);
            }

            @Override
            public void write(long deviceOffset, long value) {
              chip.write(deviceOffset, value);
            }
          });
    }
    this.bus = new BusLanes(name, size, deviceWidth, byteOrder, busLanes);
  }

  /**
   * A bank of {@code interleave} devices of an Intel/Sharp preset part on one media holding the bus
   * image.
   *
   * @param name the bank's name
   * @param part the part every device is
   * @param media the bank's cells: the part's blocks, each {@code interleave} times as large
   * @param deviceWidth 1 (x8) or 2 (x16)
   * @param interleave devices side by side
   * @param byteOrder how bus values map onto byte addresses
   * @param clock the clock busy times run on, or null
   * @throws IllegalArgumentException if the part cannot run at that width or the media does not fit
   */
  public static CfiNorFlash onMedia(
      String name,
      CfiPart part,
      FlashMedia media,
      int deviceWidth,
      int interleave,
      ByteOrder byteOrder,
      EmulatedClock clock) {
    if (!CfiQuery.isIntelCommandSet(part.commandSet())) {
      throw new IllegalArgumentException(
          name + ": " + part.name() + " does not speak the Intel/Sharp command set");
    }
    if (deviceWidth != 2 || !part.supportsWordMode()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %s runs as an x16 device here (device width 2), not x%d",
              name, part.name(), 8 * deviceWidth));
    }
    if (media.size() != part.size() * interleave) {
      throw new IllegalArgumentException(
          String.format(
              "%s: media of %d bytes does not fit %d x %s (%d bytes)",
              name, media.size(), interleave, part.name(), part.size() * interleave));
    }
    return new CfiNorFlash(
        name,
        null,
        media,
        deviceWidth * interleave,
        deviceWidth,
        byteOrder,
        clock,
        part.query(),
        part.intelFeatures());
  }

  private void aborted(String reason) {
    lastAbortReason = reason;
    LOG.debug("{}: {}", name, reason);
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
   * @return the configuration, with the block count resolved; null for a preset part
   */
  public CfiDeviceParameters parameters() {
    return parameters;
  }

  /**
   * @return the cells this bank stores its contents in
   */
  public FlashMedia media() {
    return media;
  }

  /**
   * @return the devices, lowest bus address first
   */
  public List<IntelCommandSetChip> chips() {
    return chips;
  }

  @Override
  public long read(long offset, int width) {
    bus.checkAccess(offset, width, "read");
    synchronized (deviceLock) {
      if (allReadArray) {
        return media.readValue(offset, width, byteOrder);
      }
      return bus.read(offset, width);
    }
  }

  @Override
  public void readBulk(long offset, byte[] destination, int destinationOffset, int length) {
    Objects.checkFromIndexSize(destinationOffset, length, destination.length);
    bus.checkBulk(offset, length);
    long stamp = changes.tryOptimisticRead();
    if (stamp != 0 && sessions == 0 && allReadArray) {
      media.read(offset, destination, destinationOffset, length);
      if (changes.validate(stamp)) {
        return;
      }
    }
    readBulkLocked(offset, destination, destinationOffset, length);
  }

  /** The bulk read an optimistic read could not do: under the device lock, device by device. */
  private void readBulkLocked(long offset, byte[] destination, int destinationOffset, int length) {
    synchronized (deviceLock) {
      if (allReadArray) {
        media.read(offset, destination, destinationOffset, length);
        return;
      }
      bus.readBulk(offset, destination, destinationOffset, length);
    }
  }

  @Override
  public void write(long offset, int width, long value) {
    bus.checkAccess(offset, width, "write");
    synchronized (deviceLock) {
      writes.open();
      try {
        bus.write(offset, width, value);
        writes.close();
      } catch (MediaFaultException e) {
        writes.discard();
        // the image can no longer be trusted: the bus faults the access
        throw new MmioAccessException(e.getMessage());
      } catch (RuntimeException e) {
        writes.discard();
        throw e;
      } finally {
        publishReadMode();
      }
    }
  }

  /** Recomputes "every device reads its array" and publishes a change to optimistic reads. */
  private void publishReadMode() {
    boolean all = true;
    for (IntelCommandSetChip chip : chips) {
      all &= chip.readMode() == IntelCommandSetChip.ReadMode.READ_ARRAY;
    }
    if (all != allReadArray) {
      long stamp = changes.writeLock();
      allReadArray = all;
      changes.unlockWrite(stamp);
    }
  }

  /**
   * @return whether any device is still busy with a program or erase
   */
  public boolean isBusy() {
    synchronized (deviceLock) {
      for (IntelCommandSetChip chip : chips) {
        if (chip.isBusy()) {
          return true;
        }
      }
      return false;
    }
  }

  @Override
  public <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X {
    synchronized (deviceLock) {
      changes.unlockWrite(changes.writeLock());
      sessions++;
      try {
        return session.run(this);
      } finally {
        sessions--;
      }
    }
  }

  /**
   * The state after power-up: every device reads its array, no command or operation in progress,
   * status ready and clear, block locks as at power-up, lock-down cleared. The cells keep their
   * contents.
   */
  public void powerUpReset() {
    synchronized (deviceLock) {
      for (IntelCommandSetChip chip : chips) {
        chip.powerUp();
      }
      publishReadMode();
      lastAbortReason = "";
    }
  }

  /**
   * Drives the programming voltage (Vpp) pin. Without it every program and erase aborts with SR.3
   * set.
   */
  public void setProgrammingVoltage(boolean present) {
    synchronized (deviceLock) {
      chips.forEach(chip -> chip.setProgrammingVoltage(present));
    }
  }

  /**
   * Drives the WP# pin of every device: asserted (low, the power-up default here), a locked-down
   * block cannot be unlocked; deasserted, it can.
   */
  public void setWriteProtect(boolean asserted) {
    synchronized (deviceLock) {
      chips.forEach(chip -> chip.setWriteProtect(asserted));
    }
  }

  /**
   * @return whether block {@code block} is locked on any device
   */
  public boolean isBlockLocked(int block) {
    synchronized (deviceLock) {
      for (IntelCommandSetChip chip : chips) {
        if (chip.isBlockLocked(block)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * @return why the last operation aborted (status error bits set), or "" if none did since
   *     power-up
   */
  public String lastAbortReason() {
    synchronized (deviceLock) {
      return lastAbortReason;
    }
  }

  /**
   * @return the read mode of the first device, for tests and diagnostics
   */
  IntelCommandSetChip.ReadMode readMode() {
    synchronized (deviceLock) {
      return chips.get(0).readMode();
    }
  }

  @Override
  public String toString() {
    return String.format(
        "%s: CFI NOR (Intel/Sharp), %d x%d on a %d-bit bank, %d blocks in %s, %s",
        name(),
        chips.size(),
        8 * deviceWidth,
        8 * bankWidth,
        blocks.stream().mapToInt(EraseRegion::blockCount).sum(),
        describe(blocks),
        media.description());
  }

  private static String describe(List<EraseRegion> regions) {
    List<String> runs = new ArrayList<>();
    for (EraseRegion region : regions) {
      runs.add(region.blockCount() + " x " + (region.blockSize() >> 10) + " KiB");
    }
    return String.join(" + ", runs);
  }
}
