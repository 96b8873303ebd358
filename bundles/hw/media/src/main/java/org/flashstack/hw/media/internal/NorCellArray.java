package org.flashstack.hw.media.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.flashstack.api.device.PowerLossException;
import org.flashstack.api.fault.DeviceFaults;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.CellOverwriteException;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.ImageSync;
import org.flashstack.api.media.MediaFaultHook;
import org.flashstack.api.media.MediaOperationFailedException;
import org.flashstack.api.media.MediaReadOnlyException;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.MediaStatistics;
import org.flashstack.api.media.NonVolatileRecords;
import org.flashstack.api.media.ProgramPolicy;

/**
 * NOR cells in a heap array; for a file-backed device every program and erase is also written
 * through to the image file at once (so the file is the flash, and survives a crash of the JVM),
 * and reads never touch the file, so another process truncating it cannot fault a read. Program
 * ANDs (or refuses, by policy); erase fills whole sectors with the erase value. Every program and
 * erase gets the next operation number and asks the fault hook first.
 */
final class NorCellArray implements FlashMedia {

  /** A byte of all 1 bits programs no cell: drivers pad partial program units with it. */
  private static final byte ALL_ONES = (byte) 0xff;

  private final MediaSpec spec;
  private final int size;
  private final List<EraseRegion> sectors;
  private final ByteBuffer littleEndian;
  private final ByteBuffer bigEndian;
  private final byte[] cells;
  private final ImageFile image;
  private final WearFile wear;
  private final NonVolatileRecords records;
  private final boolean readOnly;
  private final String description;
  private final List<String> notes;
  private final Consumer<FlashMedia> onClose;
  private final byte eraseByte;
  private final AtomicLongArray eraseCounts;
  private final AtomicLong operations = new AtomicLong();
  // Read counters are plain fields: device models serialize their accesses, and a counter is not
  // worth a fence on the hot read path (a concurrent reader of the statistics may see them late).
  private long reads;
  private long bytesRead;
  private final LongAdder programs = new LongAdder();
  private final LongAdder bytesProgrammed = new LongAdder();
  private final LongAdder erases = new LongAdder();
  private final LongAdder overwrites = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private volatile MediaFaultHook faultHook = MediaFaultHook.NONE;
  private final FaultEngine faults;
  private volatile ImageSync imageSync = ImageSync.WRITE_THROUGH;
  private volatile boolean closed;

  NorCellArray(
      MediaSpec spec,
      int size,
      byte[] cells,
      ImageFile image,
      WearFile wear,
      long[] initialWear,
      NonVolatileRecords records,
      boolean readOnly,
      String description,
      List<String> notes,
      Consumer<FlashMedia> onClose) {
    this.spec = spec;
    this.size = size;
    this.sectors = spec.sectorLayout(size);
    this.cells = cells;
    this.littleEndian = ByteBuffer.wrap(cells).order(ByteOrder.LITTLE_ENDIAN);
    this.bigEndian = ByteBuffer.wrap(cells).order(ByteOrder.BIG_ENDIAN);
    this.image = image;
    this.wear = wear;
    this.records = records;
    this.readOnly = readOnly;
    this.description = description;
    this.notes = List.copyOf(notes);
    this.onClose = onClose;
    this.eraseByte = (byte) spec.eraseValue();
    this.eraseCounts =
        initialWear != null
            ? new AtomicLongArray(initialWear)
            : new AtomicLongArray(sectors.stream().mapToInt(EraseRegion::blockCount).sum());
    this.faults = new FaultEngine(spec.name(), new EngineCells());
  }

  /** The cells as the fault engine sees them. */
  private final class EngineCells implements FaultEngine.Cells {
    @Override
    public long size() {
      return size;
    }

    @Override
    public byte get(int index) {
      return cells[index];
    }

    @Override
    public void set(int index, byte value) {
      cells[index] = value;
    }

    @Override
    public void written(int offset, int length) {
      writeThrough("fault", offset, length);
    }

    @Override
    public long sectorStart(long offset) {
      EraseRegion region = regionAt(offset);
      return offset - (offset - region.offset()) % region.blockSize();
    }

    @Override
    public long sectorSize(long offset) {
      return sectorSizeAt(offset);
    }

    @Override
    public long eraseCountAt(long offset) {
      return eraseCounts.get(sectorIndexOf(offset));
    }

    @Override
    public long nextOperation() {
      return operations.get();
    }
  }

  @Override
  public DeviceFaults faults() {
    return faults;
  }

  @Override
  public MediaSpec spec() {
    return spec;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public List<EraseRegion> sectors() {
    return sectors;
  }

  @Override
  public int sectorCount() {
    return eraseCounts.length();
  }

  @Override
  public int eraseValue() {
    return spec.eraseValue();
  }

  @Override
  public boolean isReadOnly() {
    return readOnly;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public long operationCount() {
    return operations.get();
  }

  @Override
  public void setFaultHook(MediaFaultHook hook) {
    faultHook = Objects.requireNonNull(hook, "hook");
  }

  @Override
  public void read(long offset, byte[] destination, int destinationOffset, int length) {
    checkOpen();
    checkRange(offset, length, "read");
    System.arraycopy(cells, (int) offset, destination, destinationOffset, length);
    if (faults.isActive()) {
      faults.read(offset, destination, destinationOffset, length);
    }
    reads++;
    bytesRead += length;
  }

  @Override
  public long readValue(long offset, int width, ByteOrder order) {
    checkOpen();
    checkRange(offset, width, "read");
    ByteBuffer view = order == ByteOrder.BIG_ENDIAN ? bigEndian : littleEndian;
    int index = (int) offset;
    if (faults.isActive() && (width == 1 || width == 2 || width == 4 || width == 8)) {
      byte[] bytes = new byte[width];
      System.arraycopy(cells, index, bytes, 0, width);
      faults.read(offset, bytes, 0, width);
      view = ByteBuffer.wrap(bytes).order(order);
      index = 0;
    }
    long value =
        switch (width) {
          case 1 -> view.get(index) & 0xffL;
          case 2 -> view.getShort(index) & 0xffffL;
          case 4 -> view.getInt(index) & 0xffff_ffffL;
          case 8 -> view.getLong(index);
          default ->
              throw new IllegalArgumentException("width must be 1, 2, 4 or 8 bytes, not " + width);
        };
    reads++;
    bytesRead += width;
    return value;
  }

  @Override
  public boolean isProgrammable(long offset, byte[] source, int sourceOffset, int length) {
    checkOpen();
    checkRange(offset, length, "program");
    Objects.checkFromIndexSize(sourceOffset, length, source.length);
    return firstOverwrite(offset, source, sourceOffset, length) < 0;
  }

  private long firstOverwrite(long offset, byte[] source, int sourceOffset, int length) {
    int base = (int) offset;
    for (int i = 0; i < length; i++) {
      byte wanted = source[sourceOffset + i];
      if (wanted != ALL_ONES && (littleEndian.get(base + i) & wanted) != wanted) {
        return offset + i;
      }
    }
    return -1;
  }

  @Override
  public void program(long offset, byte[] source, int sourceOffset, int length) {
    beginProgram(offset, source, sourceOffset, length);
    long overwrite = firstOverwrite(offset, source, sourceOffset, length);
    if (overwrite >= 0) {
      overwrites.increment();
      if (spec.programPolicy() == ProgramPolicy.REJECT_OVERWRITE) {
        refused.increment();
        throw new CellOverwriteException(
            overwrite,
            String.format(
                "%s: program at 0x%x would set 0 bits back to 1 (byte 0x%02x, asked 0x%02x); erase the block first",
                spec.name(),
                overwrite,
                littleEndian.get((int) overwrite) & 0xff,
                source[sourceOffset + (int) (overwrite - offset)] & 0xff));
      }
    }
    long operation = operations.getAndIncrement();
    long cut = faultHook.programCut(operation, offset, length);
    FaultEngine.Decision fault =
        cut == MediaFaultHook.NO_CUT && faults.isActive()
            ? faults.program(operation, offset, length)
            : null;
    int base = (int) offset;
    if (fault != null && fault.kind() != FaultEngine.Decision.Kind.CUT_ORDERED) {
      programBits(base, source, sourceOffset, length, fault.bits());
      writeThrough("program", base, length);
      programs.increment();
      bytesProgrammed.add(length);
      faults.programmed(offset, length);
      if (fault.kind() == FaultEngine.Decision.Kind.CUT_BITWISE) {
        throw powerCut("program", operation, offset, length, length);
      }
      throw new MediaOperationFailedException(
          false,
          String.format(
              "%s: program #%d of %d bytes at 0x%x: %s",
              spec.name(), operation, length, offset, fault.why()));
    }
    if (fault != null) {
      cut = fault.bytes();
    }
    int landed = cut == MediaFaultHook.NO_CUT ? length : (int) Math.max(0, Math.min(cut, length));
    for (int i = 0; i < landed; i++) {
      littleEndian.put(base + i, (byte) (littleEndian.get(base + i) & source[sourceOffset + i]));
    }
    writeThrough("program", base, landed);
    programs.increment();
    bytesProgrammed.add(landed);
    if (faults.isActive()) {
      faults.programmed(offset, landed);
    }
    if (cut != MediaFaultHook.NO_CUT) {
      throw powerCut("program", operation, offset, landed, length);
    }
  }

  @Override
  public void programTorn(
      long offset, byte[] source, int sourceOffset, int length, IntPredicate lands) {
    beginProgram(offset, source, sourceOffset, length);
    operations.getAndIncrement();
    int base = (int) offset;
    programBits(base, source, sourceOffset, length, lands);
    writeThrough("program", base, length);
    programs.increment();
    bytesProgrammed.add(length);
    if (faults.isActive()) {
      faults.programmed(offset, length);
    }
  }

  /** Of the 1 to 0 transitions {@code source} asks for, makes those {@code lands} accepts. */
  private void programBits(
      int base, byte[] source, int sourceOffset, int length, IntPredicate lands) {
    for (int i = 0; i < length; i++) {
      int stored = littleEndian.get(base + i) & 0xff;
      int clears = stored & ~source[sourceOffset + i] & 0xff;
      int landing = 0;
      for (int bit = 0; bit < 8; bit++) {
        if ((clears & (1 << bit)) != 0 && lands.test(8 * i + bit)) {
          landing |= 1 << bit;
        }
      }
      littleEndian.put(base + i, (byte) (stored & ~landing));
    }
  }

  private void beginProgram(long offset, byte[] source, int sourceOffset, int length) {
    checkOpen();
    checkRange(offset, length, "program");
    Objects.checkFromIndexSize(sourceOffset, length, source.length);
    refuseIfReadOnly("program");
    checkImage("program");
  }

  @Override
  public void erase(long offset, long length) {
    int first = beginErase(offset, length);
    long operation = operations.getAndIncrement();
    long cut = faultHook.eraseCut(operation, offset, length);
    FaultEngine.Decision fault =
        cut == MediaFaultHook.NO_CUT && faults.isActive()
            ? faults.erase(operation, offset, length)
            : null;
    if (fault != null && fault.kind() != FaultEngine.Decision.Kind.CUT_ORDERED) {
      BitSet unfinished = eraseBits((int) offset, length, fault.bits());
      writeThrough("erase", (int) offset, (int) length);
      countErases(first, offset, length);
      boolean cutByPower = fault.kind() == FaultEngine.Decision.Kind.CUT_BITWISE;
      faults.erased(operation, offset, length, cutByPower ? unfinished::get : null);
      if (cutByPower) {
        throw powerCut("erase", operation, offset, length, length);
      }
      throw new MediaOperationFailedException(
          true,
          String.format(
              "%s: erase #%d of %d bytes at 0x%x: %s",
              spec.name(), operation, length, offset, fault.why()));
    }
    if (fault != null) {
      cut = fault.bytes();
    }
    long done = cut == MediaFaultHook.NO_CUT ? length : Math.max(0, Math.min(cut, length));
    Arrays.fill(cells, (int) offset, (int) (offset + done), eraseByte);
    writeThrough("erase", (int) offset, (int) done);
    countErases(first, offset, done);
    if (faults.isActive()) {
      faults.erased(operation, offset, done, null);
    }
    if (cut != MediaFaultHook.NO_CUT) {
      throw powerCut("erase", operation, offset, done, length);
    }
  }

  /**
   * Erases the bits of {@code [base, base + length)} that {@code erases} accepts.
   *
   * @return the bits that should have changed and did not (bit {@code 8 * i + b})
   */
  private BitSet eraseBits(int base, long length, IntPredicate erases) {
    BitSet unfinished = new BitSet();
    int erased = eraseByte & 0xff;
    for (int i = 0; i < length; i++) {
      int stored = littleEndian.get(base + i) & 0xff;
      int value = stored;
      for (int bit = 0; bit < 8; bit++) {
        int mask = 1 << bit;
        if ((stored & mask) == (erased & mask)) {
          continue;
        }
        if (erases.test(8 * i + bit)) {
          value = (value & ~mask) | (erased & mask);
        } else {
          unfinished.set(8 * i + bit);
        }
      }
      littleEndian.put(base + i, (byte) value);
    }
    return unfinished;
  }

  @Override
  public void eraseTorn(long offset, long length, IntPredicate erases) {
    int first = beginErase(offset, length);
    operations.getAndIncrement();
    int base = (int) offset;
    int erased = eraseByte & 0xff;
    for (int i = 0; i < length; i++) {
      int stored = littleEndian.get(base + i) & 0xff;
      int value = stored;
      for (int bit = 0; bit < 8; bit++) {
        if (erases.test(8 * i + bit)) {
          value = (value & ~(1 << bit)) | (erased & (1 << bit));
        }
      }
      littleEndian.put(base + i, (byte) value);
    }
    writeThrough("erase", base, (int) length);
    countErases(first, offset, length);
    if (faults.isActive()) {
      faults.programmed(offset, (int) length);
    }
  }

  /** Checks an erase range and returns the index of its first sector. */
  private int beginErase(long offset, long length) {
    checkOpen();
    checkRange(offset, length, "erase");
    int first = sectorAt(offset, "erase", "start");
    if (offset + length < size) {
      sectorAt(offset + length, "erase", "end");
    }
    refuseIfReadOnly("erase");
    checkImage("erase");
    return first;
  }

  private void countErases(int first, long offset, long length) {
    long at = offset;
    int sector = first;
    while (at < offset + length) {
      long count = eraseCounts.incrementAndGet(sector);
      if (wear != null) {
        wear.record(sector, count);
      }
      sector++;
      at += sectorSizeAt(at);
      erases.increment();
    }
  }

  private PowerLossException powerCut(
      String operation, long number, long offset, long done, long length) {
    return new PowerLossException(
        String.format(
            "%s: power cut during %s #%d at 0x%x after %d of %d bytes",
            spec.name(), operation, number, offset, done, length));
  }

  /**
   * @return the index of the sector starting exactly at {@code offset}
   */
  private int sectorAt(long offset, String operation, String end) {
    int index = 0;
    for (EraseRegion region : sectors) {
      if (region.contains(offset)) {
        long within = offset - region.offset();
        if (within % region.blockSize() != 0) {
          long start = offset - within % region.blockSize();
          throw new IllegalArgumentException(
              String.format(
                  "%s: %s %s 0x%x is not a sector boundary (inside the %d-byte sector 0x%x..0x%x)",
                  spec.name(),
                  operation,
                  end,
                  offset,
                  region.blockSize(),
                  start,
                  start + region.blockSize() - 1));
        }
        return index + (int) (within / region.blockSize());
      }
      index += region.blockCount();
    }
    throw new IndexOutOfBoundsException(
        spec.name() + ": no sector at 0x" + Long.toHexString(offset));
  }

  private EraseRegion regionAt(long offset) {
    for (EraseRegion region : sectors) {
      if (region.contains(offset)) {
        return region;
      }
    }
    throw new IndexOutOfBoundsException(
        spec.name() + ": no sector at 0x" + Long.toHexString(offset));
  }

  /**
   * @return the index of the sector holding {@code offset}
   */
  private int sectorIndexOf(long offset) {
    int index = 0;
    for (EraseRegion region : sectors) {
      if (region.contains(offset)) {
        return index + (int) ((offset - region.offset()) / region.blockSize());
      }
      index += region.blockCount();
    }
    throw new IndexOutOfBoundsException(
        spec.name() + ": no sector at 0x" + Long.toHexString(offset));
  }

  private long sectorSizeAt(long offset) {
    for (EraseRegion region : sectors) {
      if (region.contains(offset)) {
        return region.blockSize();
      }
    }
    throw new IndexOutOfBoundsException(
        spec.name() + ": no sector at 0x" + Long.toHexString(offset));
  }

  @Override
  public long eraseCount(int sector) {
    if (sector < 0 || sector >= eraseCounts.length()) {
      throw new IndexOutOfBoundsException(
          String.format(
              "%s: sector %d does not exist (the media has %d)",
              spec.name(), sector, eraseCounts.length()));
    }
    return eraseCounts.get(sector);
  }

  @Override
  public MediaStatistics statistics() {
    return new MediaStatistics(
        reads,
        bytesRead,
        programs.sum(),
        bytesProgrammed.sum(),
        erases.sum(),
        overwrites.sum(),
        refused.sum());
  }

  @Override
  public NonVolatileRecords nonVolatileRecords() {
    return records;
  }

  @Override
  public void flush() {
    if (image != null && !readOnly && !closed) {
      image.check("flush");
      image.force("flush");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      try {
        if (image != null && !readOnly) {
          image.force("close");
        }
        if (wear != null) {
          wear.close();
        }
      } finally {
        closed = true;
        onClose.accept(this);
      }
    }
  }

  private void writeThrough(String operation, int offset, int length) {
    if (image != null && length > 0) {
      image.write(operation, cells, offset, length);
      if (imageSync == ImageSync.FORCE) {
        image.force(operation);
      }
    }
  }

  @Override
  public ImageSync imageSync() {
    return imageSync;
  }

  @Override
  public void setImageSync(ImageSync sync) {
    imageSync = Objects.requireNonNull(sync, "sync");
  }

  private void checkImage(String operation) {
    if (image != null) {
      image.check(operation);
    }
  }

  private void refuseIfReadOnly(String operation) {
    if (readOnly) {
      refused.increment();
      throw new MediaReadOnlyException(
          spec.name() + ": media is read-only (" + description + "); " + operation + " refused");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(spec.name() + ": media is closed");
    }
  }

  private void checkRange(long offset, long length, String operation) {
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException(
          String.format(
              "%s: %s of %d byte(s) at 0x%x is outside the media (0x0..0x%x)",
              spec.name(), operation, length, offset, size - 1));
    }
  }

  @Override
  public String toString() {
    return spec.name() + " media: " + description;
  }
}
