package org.flashstack.hw.cfi;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.FlashMedia;

/**
 * The cells one device of a bank owns, in the device's own byte offsets. A device alone on its bus
 * owns a whole media; interleaved devices each own one lane of the bank's media, so that the image
 * file keeps the bus layout software and other tools see, while every device programs and erases
 * only its own bytes.
 */
interface ChipCells {

  /** Copies {@code destination.length} bytes at device offset {@code offset}. */
  void read(long offset, byte[] destination);

  /** Programs the device's bytes at {@code offset} (each stored byte ANDed with the source). */
  void program(long offset, byte[] source);

  /** Erases the device's sector(s) of {@code [offset, offset + length)}. */
  void erase(long offset, long length);

  /**
   * @return the device's sectors in address order, in device bytes
   */
  List<EraseRegion> sectors();

  /**
   * @return the device's size in bytes
   */
  long size();

  /**
   * @return whether the backing media refuses programs and erases
   */
  boolean isReadOnly();

  /** A device alone on its bus: its cells are the whole media. */
  static ChipCells whole(FlashMedia media) {
    Objects.requireNonNull(media, "media");
    return new ChipCells() {
      @Override
      public void read(long offset, byte[] destination) {
        media.read(offset, destination, 0, destination.length);
      }

      @Override
      public void program(long offset, byte[] source) {
        media.program(offset, source, 0, source.length);
      }

      @Override
      public void erase(long offset, long length) {
        media.erase(offset, length);
      }

      @Override
      public List<EraseRegion> sectors() {
        return media.sectors();
      }

      @Override
      public long size() {
        return media.size();
      }

      @Override
      public boolean isReadOnly() {
        return media.isReadOnly();
      }
    };
  }

  /**
   * Device {@code lane} (0 = lowest bus address) of {@code interleave} devices {@code deviceWidth}
   * bytes wide, side by side on a bank whose media holds the bus image. A device's byte {@code k}
   * of a word is its data lines {@code 8k..8k+7}; on a big-endian bus those sit at the higher
   * address of the lane.
   */
  static ChipCells lane(
      FlashMedia media, int lane, int interleave, int deviceWidth, ByteOrder byteOrder) {
    return new LaneCells(media, lane, interleave, deviceWidth, byteOrder);
  }

  /** One lane of a bank media. */
  final class LaneCells implements ChipCells {
    private final FlashMedia media;
    private final int lane;
    private final int deviceWidth;
    private final int bankWidth;
    private final boolean bigEndian;
    private final List<EraseRegion> sectors;

    LaneCells(FlashMedia media, int lane, int interleave, int deviceWidth, ByteOrder byteOrder) {
      if (lane < 0 || lane >= interleave) {
        throw new IllegalArgumentException("lane " + lane + " of " + interleave + " devices");
      }
      this.media = Objects.requireNonNull(media, "media");
      this.lane = lane;
      this.deviceWidth = deviceWidth;
      this.bankWidth = deviceWidth * interleave;
      this.bigEndian = byteOrder == ByteOrder.BIG_ENDIAN;
      List<EraseRegion> own = new ArrayList<>();
      for (EraseRegion region : media.sectors()) {
        own.add(
            new EraseRegion(
                region.offset() / interleave,
                region.blockSize() / interleave,
                region.blockCount()));
      }
      this.sectors = List.copyOf(own);
    }

    /** The bank offset of the device's byte {@code offset}. */
    private long bankOffset(long offset) {
      long word = offset / deviceWidth;
      int k = (int) (offset % deviceWidth);
      int inLane = bigEndian ? deviceWidth - 1 - k : k;
      return word * bankWidth + (long) lane * deviceWidth + inLane;
    }

    @Override
    public void read(long offset, byte[] destination) {
      byte[] one = new byte[1];
      for (int i = 0; i < destination.length; i++) {
        media.read(bankOffset(offset + i), one, 0, 1);
        destination[i] = one[0];
      }
    }

    @Override
    public void program(long offset, byte[] source) {
      byte[] one = new byte[1];
      for (int i = 0; i < source.length; i++) {
        one[0] = source[i];
        media.program(bankOffset(offset + i), one, 0, 1);
      }
    }

    @Override
    public void erase(long offset, long length) {
      long interleave = bankWidth / deviceWidth;
      long first = lane * (long) deviceWidth;
      media.eraseTorn(
          offset * interleave,
          length * interleave,
          bit -> {
            long inBank = (bit >>> 3) % bankWidth;
            return inBank >= first && inBank < first + deviceWidth;
          });
    }

    @Override
    public List<EraseRegion> sectors() {
      return sectors;
    }

    @Override
    public long size() {
      return media.size() / (bankWidth / deviceWidth);
    }

    @Override
    public boolean isReadOnly() {
      return media.isReadOnly();
    }
  }
}
