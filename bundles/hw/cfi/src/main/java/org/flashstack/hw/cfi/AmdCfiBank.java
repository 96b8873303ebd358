package org.flashstack.hw.cfi;

import java.util.Objects;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioSession;

/**
 * One AMD/Fujitsu device alone on its bus, as an MMIO window: the bus is as wide as the device (1
 * byte in x8 mode, 2 in x16), every bus cycle one cycle of the device's state machine. Reads
 * narrower than the bus take their bytes of a whole bus read; writes must be as wide as the bus.
 * (Interleaved AMD banks, with each device on its lanes, are issue 15's next step.)
 */
public final class AmdCfiBank implements MmioBus {

  private final String name;
  private final AmdCommandSetChip chip;
  private final long size;
  private final int width;

  /**
   * @param name the bank's (device's) name
   * @param chip the device
   * @param size its size in bytes
   * @param width the bus width: 1 (x8) or 2 (x16)
   */
  public AmdCfiBank(String name, AmdCommandSetChip chip, long size, int width) {
    if (width != 1 && width != 2) {
      throw new IllegalArgumentException(
          name + ": an AMD device's bus is 1 or 2 bytes, not " + width);
    }
    this.name = Objects.requireNonNull(name);
    this.chip = Objects.requireNonNull(chip);
    this.size = size;
    this.width = width;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return size;
  }

  private void check(long offset, int accessWidth, String what) {
    if (offset < 0 || offset > size - accessWidth) {
      throw new MmioAccessException(
          String.format(
              "%s: %d-byte %s at 0x%x is outside the device (0x0..0x%x)",
              name, accessWidth, what, offset, size - 1));
    }
    if (accessWidth != 1 && accessWidth != 2 && accessWidth != 4 && accessWidth != 8
        || offset % accessWidth != 0) {
      throw new MmioAccessException(
          String.format("%s: %d-byte %s at 0x%x is not aligned", name, accessWidth, what, offset));
    }
  }

  @Override
  public synchronized long read(long offset, int accessWidth) {
    check(offset, accessWidth, "read");
    long value = 0;
    for (int i = 0; i < accessWidth; i++) {
      long at = offset + i;
      int bus = chip.read(at - at % width);
      int b = width == 2 && at % 2 == 1 ? bus >>> 8 : bus;
      value |= (long) (b & 0xff) << (8 * i);
      if (width == 2 && at % 2 == 0 && i + 1 < accessWidth) {
        value |= (long) ((bus >>> 8) & 0xff) << (8 * (i + 1));
        i++;
      }
    }
    return value;
  }

  @Override
  public synchronized void write(long offset, int accessWidth, long value) {
    check(offset, accessWidth, "write");
    if (accessWidth != width) {
      throw new MmioAccessException(
          String.format(
              "%s: %d-byte write at 0x%x refused: the device takes %d-byte bus cycles",
              name, accessWidth, offset, width));
    }
    chip.write(offset, (int) value);
  }

  @Override
  public synchronized void readBulk(
      long offset, byte[] destination, int destinationOffset, int length) {
    Objects.checkFromIndexSize(destinationOffset, length, destination.length);
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new MmioAccessException(
          String.format(
              "%s: bulk read of %d bytes at 0x%x is outside the device (0x0..0x%x)",
              name, length, offset, size - 1));
    }
    for (int i = 0; i < length; i++) {
      long at = offset + i;
      int bus = chip.read(at - at % width);
      destination[destinationOffset + i] = (byte) (width == 2 && at % 2 == 1 ? bus >>> 8 : bus);
    }
  }

  @Override
  public synchronized <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X {
    return session.run(this);
  }

  /** Power-up of the device. */
  public void powerUpReset() {
    chip.powerUp();
  }
}
