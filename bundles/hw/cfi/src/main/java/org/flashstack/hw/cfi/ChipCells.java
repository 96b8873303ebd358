package org.flashstack.hw.cfi;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaOperationFailedException;

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

  /**
   * Erases the device's sector(s) of {@code [offset, offset + length)}; if the cells fail to erase,
   * {@code failed} is told why (now, or when the bank ends the bus cycle that asked).
   */
  void erase(long offset, long length, Consumer<String> failed);

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
      public void erase(long offset, long length, Consumer<String> failed) {
        try {
          media.erase(offset, length);
        } catch (MediaOperationFailedException e) {
          failed.accept(e.getMessage());
        }
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
   * The cells of every device of a bank: the whole media for one device whose bytes sit on the bus
   * in address order, else a lane each.
   */
  static List<ChipCells> bank(
      FlashMedia media, int interleave, int deviceWidth, ByteOrder byteOrder, LaneErases erases) {
    if (interleave == 1 && (deviceWidth == 1 || byteOrder == ByteOrder.LITTLE_ENDIAN)) {
      return List.of(whole(media));
    }
    List<ChipCells> cells = new ArrayList<>();
    for (int lane = 0; lane < interleave; lane++) {
      cells.add(new LaneCells(media, lane, interleave, deviceWidth, byteOrder, erases));
    }
    return cells;
  }

  /**
   * Erases the devices of a bank ask for during one bus cycle, gathered so that a sector every
   * device erases at once is one erase of the bank media (counted once, with its fault hook), and a
   * sector only some devices erase is erased on their lanes alone. Outside a bus cycle an erase
   * happens at once.
   */
  final class LaneErases {
    private final FlashMedia media;
    private final int interleave;
    private final int deviceWidth;
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private boolean open;

    private static final class Pending {
      long length;
      int lanes;
      final List<Consumer<String>> failures = new ArrayList<>();
    }

    LaneErases(FlashMedia media, int interleave, int deviceWidth) {
      this.media = media;
      this.interleave = interleave;
      this.deviceWidth = deviceWidth;
    }

    /** A bus cycle begins: erases wait for its end. */
    void open() {
      open = true;
    }

    /** The bus cycle ended: does the erases it asked for. */
    void close() {
      open = false;
      List<Map.Entry<Long, Pending>> due = new ArrayList<>(pending.entrySet());
      pending.clear();
      for (Map.Entry<Long, Pending> entry : due) {
        run(entry.getKey(), entry.getValue());
      }
    }

    /** The bus cycle failed part-way: nothing it asked for is erased. */
    void discard() {
      open = false;
      pending.clear();
    }

    void erase(long bankOffset, long bankLength, int lane, Consumer<String> failed) {
      Pending request = pending.computeIfAbsent(bankOffset, offset -> new Pending());
      request.length = bankLength;
      request.lanes |= 1 << lane;
      request.failures.add(failed);
      if (!open) {
        pending.remove(bankOffset);
        run(bankOffset, request);
      }
    }

    private void run(long bankOffset, Pending request) {
      int all = (1 << interleave) - 1;
      try {
        if (request.lanes == all) {
          media.erase(bankOffset, request.length);
        } else {
          int bankWidth = interleave * deviceWidth;
          int lanes = request.lanes;
          media.eraseTorn(
              bankOffset,
              request.length,
              bit -> (lanes & (1 << (int) ((bit >>> 3) % bankWidth / deviceWidth))) != 0);
        }
      } catch (MediaOperationFailedException e) {
        request.failures.forEach(failure -> failure.accept(e.getMessage()));
      }
    }
  }

  /** One lane of a bank media. */
  final class LaneCells implements ChipCells {
    private final FlashMedia media;
    private final int lane;
    private final int deviceWidth;
    private final int bankWidth;
    private final int interleave;
    private final boolean bigEndian;
    private final List<EraseRegion> sectors;
    private final LaneErases erases;

    LaneCells(
        FlashMedia media,
        int lane,
        int interleave,
        int deviceWidth,
        ByteOrder byteOrder,
        LaneErases erases) {
      if (lane < 0 || lane >= interleave) {
        throw new IllegalArgumentException("lane " + lane + " of " + interleave + " devices");
      }
      this.media = Objects.requireNonNull(media, "media");
      this.lane = lane;
      this.deviceWidth = deviceWidth;
      this.bankWidth = deviceWidth * interleave;
      this.interleave = interleave;
      this.erases = Objects.requireNonNull(erases);
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

    /** Programs whole device words, each one media program of its lane's bytes. */
    @Override
    public void program(long offset, byte[] source) {
      if (offset % deviceWidth != 0 || source.length % deviceWidth != 0) {
        byte[] one = new byte[1];
        for (int i = 0; i < source.length; i++) {
          one[0] = source[i];
          media.program(bankOffset(offset + i), one, 0, 1);
        }
        return;
      }
      byte[] word = new byte[deviceWidth];
      for (int at = 0; at < source.length; at += deviceWidth) {
        for (int k = 0; k < deviceWidth; k++) {
          word[bigEndian ? deviceWidth - 1 - k : k] = source[at + k];
        }
        media.program(
            bankOffset(offset + at) - (bigEndian ? deviceWidth - 1 : 0), word, 0, deviceWidth);
      }
    }

    @Override
    public void erase(long offset, long length, Consumer<String> failed) {
      erases.erase(offset * interleave, length * interleave, lane, failed);
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
