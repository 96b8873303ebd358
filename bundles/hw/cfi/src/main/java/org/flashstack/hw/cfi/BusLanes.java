package org.flashstack.hw.cfi;

import java.nio.ByteOrder;
import java.util.List;
import org.flashstack.api.mmio.MmioAccessException;

/**
 * How a bank's bus cycles split into its devices' lanes, and their answers back into bus values:
 * device {@code i} sits on the bus bytes {@code [i * deviceWidth, (i + 1) * deviceWidth)} of every
 * bank word (by address); on a big-endian bus its data lines 0-7 are at the higher address of its
 * lane. A write reaches the devices whose lanes it covers; a read asks each device once per bank
 * word, so a device's toggle bits move once per bus read. Not thread-safe: the bank serialises.
 */
final class BusLanes {

  /** One device's side of the bus, in device offsets and device words. */
  interface Lane {
    long read(long deviceOffset);

    void write(long deviceOffset, long value);
  }

  private final String name;
  private final long size;
  private final int deviceWidth;
  private final int bankWidth;
  private final boolean bigEndian;
  private final Lane[] lanes;
  private final long[] laneWords;

  BusLanes(String name, long size, int deviceWidth, ByteOrder byteOrder, List<Lane> lanes) {
    this.name = name;
    this.size = size;
    this.deviceWidth = deviceWidth;
    this.bankWidth = deviceWidth * lanes.size();
    this.bigEndian = byteOrder == ByteOrder.BIG_ENDIAN;
    this.lanes = lanes.toArray(new Lane[0]);
    this.laneWords = new long[lanes.size()];
  }

  int bankWidth() {
    return bankWidth;
  }

  /** Refuses an access of a width the bus has not, outside the device, or not aligned. */
  void checkAccess(long offset, int width, String operation) {
    if (width != 1 && width != 2 && width != 4 && width != 8) {
      throw new MmioAccessException(
          String.format(
              "%s: %d-byte %s at 0x%x refused: access width must be 1, 2, 4 or 8 bytes",
              name, width, operation, offset));
    }
    if (offset < 0 || offset > size - width) {
      throw new MmioAccessException(
          String.format(
              "%s: %d-byte %s at 0x%x refused: outside the device (0x0..0x%x)",
              name, width, operation, offset, size - 1));
    }
    if (offset % width != 0) {
      throw new MmioAccessException(
          String.format(
              "%s: %d-byte %s at 0x%x refused: not aligned to %d bytes",
              name, width, operation, offset, width));
    }
  }

  /** Refuses a bulk read outside the device. */
  void checkBulk(long offset, int length) {
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new MmioAccessException(
          String.format(
              "%s: bulk read of %d bytes at 0x%x is outside the device (0x0..0x%x)",
              name, length, offset, size - 1));
    }
  }

  /** Where byte {@code index} (by address) of a {@code width}-byte bus value sits, in bits. */
  int byteShift(int index, int width) {
    return bigEndian ? 8 * (width - 1 - index) : 8 * index;
  }

  /** The device byte (data lines 8k..8k+7) that bus byte {@code inLane} of a lane carries. */
  private int deviceByte(int inLane) {
    return bigEndian ? deviceWidth - 1 - inLane : inLane;
  }

  /** A bus read: each device's answer on its lanes. */
  long read(long offset, int width) {
    long value = 0;
    long word = -1;
    int lanesRead = 0;
    for (int i = 0; i < width; i++) {
      long at = offset + i;
      long bankWord = at / bankWidth;
      if (bankWord != word) {
        word = bankWord;
        lanesRead = 0;
      }
      value |= (long) laneByte(at, bankWord, lanesRead) << byteShift(i, width);
      lanesRead |= 1 << (int) (at % bankWidth) / deviceWidth;
    }
    return value;
  }

  /** Bytes of bus reads, each device asked once per bank word. */
  void readBulk(long offset, byte[] destination, int destinationOffset, int length) {
    long word = -1;
    int lanesRead = 0;
    for (int i = 0; i < length; i++) {
      long at = offset + i;
      long bankWord = at / bankWidth;
      if (bankWord != word) {
        word = bankWord;
        lanesRead = 0;
      }
      destination[destinationOffset + i] = (byte) laneByte(at, bankWord, lanesRead);
      lanesRead |= 1 << (int) (at % bankWidth) / deviceWidth;
    }
  }

  /** The byte at bus address {@code at}, asking its device unless it answered for this word. */
  private int laneByte(long at, long bankWord, int lanesRead) {
    int inBank = (int) (at % bankWidth);
    int lane = inBank / deviceWidth;
    if ((lanesRead & (1 << lane)) == 0) {
      laneWords[lane] = lanes[lane].read(bankWord * deviceWidth);
    }
    return (int) (laneWords[lane] >>> (8 * deviceByte(inBank % deviceWidth))) & 0xff;
  }

  /**
   * A bus write to the devices whose lanes it covers.
   *
   * @throws MmioAccessException for a write narrower than one device or wider than the bus
   */
  void write(long offset, int width, long value) {
    if (width < deviceWidth || width > bankWidth) {
      throw new MmioAccessException(
          String.format(
              "%s: %d-byte write at 0x%x refused: %s",
              name,
              width,
              offset,
              width < deviceWidth
                  ? "it would reach half of an x" + 8 * deviceWidth + " device"
                  : "the bus is " + bankWidth + " bytes wide"));
    }
    long bankWord = offset / bankWidth;
    int first = (int) (offset % bankWidth);
    for (int laneStart = first; laneStart < first + width; laneStart += deviceWidth) {
      long data = 0;
      for (int j = 0; j < deviceWidth; j++) {
        long b = (value >>> byteShift(laneStart - first + j, width)) & 0xff;
        data |= b << (8 * deviceByte(j));
      }
      lanes[laneStart / deviceWidth].write(bankWord * deviceWidth, data);
    }
  }
}
