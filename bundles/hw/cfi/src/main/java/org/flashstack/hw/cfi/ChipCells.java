package org.flashstack.hw.cfi;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.CellOverwriteException;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaOperationFailedException;
import org.flashstack.api.media.NonVolatileRecords;

/**
 * The cells one device of a bank owns, in the device's own byte offsets. A device alone on its bus
 * owns a whole media; interleaved devices each own one lane of the bank's media, so that the image
 * file keeps the bus layout software and other tools see, while every device programs and erases
 * only its own bytes.
 */
interface ChipCells {

  /** Copies {@code destination.length} bytes at device offset {@code offset}. */
  void read(long offset, byte[] destination);

  /**
   * Programs the device's bytes at {@code offset} (each stored byte ANDed with the source); if the
   * cells do not take them (failing, or an overwrite the media refuses), {@code failed} is told why
   * (now, or when the bank ends the bus cycle that asked) and nothing of that program changed.
   */
  void program(long offset, byte[] source, Consumer<String> failed);

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

  /**
   * @return the device's own non-volatile bits outside its array (protection and lock bits, the
   *     protection register), kept with the bank's media under names of the device's own
   */
  NonVolatileRecords records();

  /** The records of {@code media} under names that begin with {@code prefix}. */
  static NonVolatileRecords prefixed(FlashMedia media, String prefix) {
    NonVolatileRecords all = media.nonVolatileRecords();
    return new NonVolatileRecords() {
      @Override
      public byte[] read(String name) {
        return all.read(prefix + name);
      }

      @Override
      public void write(String name, byte[] value) {
        all.write(prefix + name, value);
      }
    };
  }

  /** A device alone on its bus: its cells are the whole media. */
  static ChipCells whole(FlashMedia media) {
    Objects.requireNonNull(media, "media");
    return new ChipCells() {
      @Override
      public void read(long offset, byte[] destination) {
        media.read(offset, destination, 0, destination.length);
      }

      @Override
      public void program(long offset, byte[] source, Consumer<String> failed) {
        try {
          media.program(offset, source, 0, source.length);
        } catch (CellOverwriteException | MediaOperationFailedException e) {
          failed.accept(e.getMessage());
        }
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

      @Override
      public NonVolatileRecords records() {
        return prefixed(media, "");
      }
    };
  }

  /**
   * The cells of every device of a bank: the whole media for one device whose bytes sit on the bus
   * in address order, else a lane each.
   */
  static List<ChipCells> bank(
      FlashMedia media, int interleave, int deviceWidth, ByteOrder byteOrder, LaneWrites writes) {
    if (interleave == 1 && (deviceWidth == 1 || byteOrder == ByteOrder.LITTLE_ENDIAN)) {
      return List.of(whole(media));
    }
    List<ChipCells> cells = new ArrayList<>();
    for (int lane = 0; lane < interleave; lane++) {
      cells.add(new LaneCells(media, lane, interleave, deviceWidth, byteOrder, writes));
    }
    return cells;
  }

  /**
   * The programs and erases the devices of a bank ask for during one bus cycle, gathered so that
   * what every device does at once to the same place is one operation of the bank media (as the bus
   * image sees it: one program of the whole bank range, one erase counted once, the fault hook
   * consulted once), and what only some devices do happens on their lanes alone. Outside a bus
   * cycle each happens at once.
   */
  final class LaneWrites {
    private final FlashMedia media;
    private final int interleave;
    private final int deviceWidth;
    private final boolean bigEndian;
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private final List<Program> programs = new ArrayList<>();
    private boolean open;

    /** One device's program: its lane, device offset and bytes. */
    private record Program(int lane, long offset, byte[] data, Consumer<String> failed) {}

    private static final class Pending {
      long length;
      int lanes;
      final List<Consumer<String>> failures = new ArrayList<>();
    }

    LaneWrites(FlashMedia media, int interleave, int deviceWidth, ByteOrder byteOrder) {
      this.media = media;
      this.interleave = interleave;
      this.deviceWidth = deviceWidth;
      this.bigEndian = byteOrder == ByteOrder.BIG_ENDIAN;
    }

    /** The bank offset of byte {@code offset} of the device on {@code lane}. */
    long bankOffset(int lane, long offset) {
      long word = offset / deviceWidth;
      int k = (int) (offset % deviceWidth);
      int inLane = bigEndian ? deviceWidth - 1 - k : k;
      return word * deviceWidth * interleave + (long) lane * deviceWidth + inLane;
    }

    void program(int lane, long offset, byte[] data, Consumer<String> failed) {
      Program program = new Program(lane, offset, data, failed);
      if (open) {
        programs.add(program);
      } else {
        programLane(program);
      }
    }

    /**
     * Programs every device's words where all devices program the same range, else lane by lane.
     */
    private void runPrograms() {
      List<Program> due = new ArrayList<>(programs);
      programs.clear();
      int all = (1 << interleave) - 1;
      while (!due.isEmpty()) {
        Program first = due.get(0);
        List<Program> same = new ArrayList<>();
        int lanes = 0;
        for (Program program : due) {
          if (program.offset() == first.offset()
              && program.data().length == first.data().length
              && (lanes & (1 << program.lane())) == 0) {
            same.add(program);
            lanes |= 1 << program.lane();
          }
        }
        due.removeAll(same);
        boolean whole =
            lanes == all
                && first.offset() % deviceWidth == 0
                && first.data().length % deviceWidth == 0;
        if (whole && programBank(same)) {
          continue;
        }
        same.forEach(this::programLane);
      }
    }

    /**
     * One program of the bank range every device's words cover.
     *
     * @return false if the media refused it as a whole (then each device programs on its own)
     */
    private boolean programBank(List<Program> same) {
      Program first = same.get(0);
      long start = bankOffset(0, first.offset()) - (bigEndian ? deviceWidth - 1 : 0);
      byte[] bank = new byte[first.data().length * interleave];
      for (Program program : same) {
        for (int i = 0; i < program.data().length; i++) {
          bank[(int) (bankOffset(program.lane(), program.offset() + i) - start)] =
              program.data()[i];
        }
      }
      try {
        media.program(start, bank, 0, bank.length);
        return true;
      } catch (CellOverwriteException refused) {
        return false;
      } catch (MediaOperationFailedException e) {
        same.forEach(program -> program.failed().accept(e.getMessage()));
        return true;
      }
    }

    private void programLane(Program program) {
      byte[] word = new byte[deviceWidth];
      byte[] data = program.data();
      try {
        if (program.offset() % deviceWidth != 0 || data.length % deviceWidth != 0) {
          for (int i = 0; i < data.length; i++) {
            media.program(bankOffset(program.lane(), program.offset() + i), data, i, 1);
          }
          return;
        }
        for (int at = 0; at < data.length; at += deviceWidth) {
          for (int k = 0; k < deviceWidth; k++) {
            word[bigEndian ? deviceWidth - 1 - k : k] = data[at + k];
          }
          long lane = bankOffset(program.lane(), program.offset() + at);
          media.program(lane - (bigEndian ? deviceWidth - 1 : 0), word, 0, deviceWidth);
        }
      } catch (CellOverwriteException | MediaOperationFailedException e) {
        program.failed().accept(e.getMessage());
      }
    }

    /** A bus cycle begins: erases wait for its end. */
    void open() {
      open = true;
    }

    /** The bus cycle ended: does the programs and erases it asked for. */
    void close() {
      open = false;
      runPrograms();
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
      programs.clear();
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
    private final LaneWrites writes;

    LaneCells(
        FlashMedia media,
        int lane,
        int interleave,
        int deviceWidth,
        ByteOrder byteOrder,
        LaneWrites writes) {
      if (lane < 0 || lane >= interleave) {
        throw new IllegalArgumentException("lane " + lane + " of " + interleave + " devices");
      }
      this.media = Objects.requireNonNull(media, "media");
      this.lane = lane;
      this.deviceWidth = deviceWidth;
      this.bankWidth = deviceWidth * interleave;
      this.interleave = interleave;
      this.writes = Objects.requireNonNull(writes);
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
      return writes.bankOffset(lane, offset);
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
    public void program(long offset, byte[] source, Consumer<String> failed) {
      writes.program(lane, offset, source.clone(), failed);
    }

    @Override
    public void erase(long offset, long length, Consumer<String> failed) {
      writes.erase(offset * interleave, length * interleave, lane, failed);
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

    @Override
    public NonVolatileRecords records() {
      return prefixed(media, "lane" + lane + ".");
    }
  }
}
