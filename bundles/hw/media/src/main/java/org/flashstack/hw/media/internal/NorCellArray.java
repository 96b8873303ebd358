package org.flashstack.hw.media.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.flashstack.api.media.CellOverwriteException;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaReadOnlyException;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.MediaStatistics;
import org.flashstack.api.media.ProgramPolicy;

/**
 * NOR cells over a byte buffer: a heap buffer for RAM media, a mapped buffer for a file. Program
 * ANDs (or refuses, by policy); erase fills a block with the erase value.
 */
final class NorCellArray implements FlashMedia {

  /** A byte of all 1 bits programs no cell: drivers pad partial program units with it. */
  private static final byte ALL_ONES = (byte) 0xff;

  private final MediaSpec spec;
  private final int size;
  private final int blockSize;
  private final ByteBuffer littleEndian;
  private final ByteBuffer bigEndian;
  private final MappedByteBuffer mapped;
  private final boolean readOnly;
  private final String description;
  private final List<String> notes;
  private final Consumer<FlashMedia> onClose;
  private final byte[] erasedBlock;
  private final AtomicLongArray eraseCounts;
  private final LongAdder reads = new LongAdder();
  private final LongAdder bytesRead = new LongAdder();
  private final LongAdder programs = new LongAdder();
  private final LongAdder bytesProgrammed = new LongAdder();
  private final LongAdder erases = new LongAdder();
  private final LongAdder overwrites = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private volatile boolean closed;

  NorCellArray(
      MediaSpec spec,
      int size,
      ByteBuffer cells,
      boolean readOnly,
      String description,
      List<String> notes,
      Consumer<FlashMedia> onClose) {
    this.spec = spec;
    this.size = size;
    this.blockSize = (int) spec.blockSize();
    this.littleEndian = cells.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    this.bigEndian = cells.duplicate().order(ByteOrder.BIG_ENDIAN);
    this.mapped = cells instanceof MappedByteBuffer m ? m : null;
    this.readOnly = readOnly;
    this.description = description;
    this.notes = List.copyOf(notes);
    this.onClose = onClose;
    this.erasedBlock = new byte[blockSize];
    Arrays.fill(erasedBlock, (byte) spec.eraseValue());
    this.eraseCounts = new AtomicLongArray(size / blockSize);
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
  public long blockSize() {
    return blockSize;
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
  public void read(long offset, byte[] destination, int destinationOffset, int length) {
    checkOpen();
    checkRange(offset, length, "read");
    littleEndian.get((int) offset, destination, destinationOffset, length);
    reads.increment();
    bytesRead.add(length);
  }

  @Override
  public long readValue(long offset, int width, ByteOrder order) {
    checkOpen();
    checkRange(offset, width, "read");
    ByteBuffer cells = order == ByteOrder.BIG_ENDIAN ? bigEndian : littleEndian;
    int index = (int) offset;
    long value =
        switch (width) {
          case 1 -> cells.get(index) & 0xffL;
          case 2 -> cells.getShort(index) & 0xffffL;
          case 4 -> cells.getInt(index) & 0xffff_ffffL;
          case 8 -> cells.getLong(index);
          default ->
              throw new IllegalArgumentException("width must be 1, 2, 4 or 8 bytes, not " + width);
        };
    reads.increment();
    bytesRead.add(width);
    return value;
  }

  @Override
  public boolean isProgrammable(long offset, byte[] source, int sourceOffset, int length) {
    checkOpen();
    checkRange(offset, length, "program");
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
    checkOpen();
    checkRange(offset, length, "program");
    java.util.Objects.checkFromIndexSize(sourceOffset, length, source.length);
    refuseIfReadOnly("program");
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
    int base = (int) offset;
    for (int i = 0; i < length; i++) {
      littleEndian.put(base + i, (byte) (littleEndian.get(base + i) & source[sourceOffset + i]));
    }
    programs.increment();
    bytesProgrammed.add(length);
  }

  @Override
  public void eraseBlock(int block) {
    checkOpen();
    checkBlock(block);
    refuseIfReadOnly("erase");
    littleEndian.put(block * blockSize, erasedBlock, 0, blockSize);
    eraseCounts.incrementAndGet(block);
    erases.increment();
  }

  @Override
  public long eraseCount(int block) {
    checkBlock(block);
    return eraseCounts.get(block);
  }

  @Override
  public MediaStatistics statistics() {
    return new MediaStatistics(
        reads.sum(),
        bytesRead.sum(),
        programs.sum(),
        bytesProgrammed.sum(),
        erases.sum(),
        overwrites.sum(),
        refused.sum());
  }

  @Override
  public void flush() {
    if (mapped != null && !readOnly && !closed) {
      mapped.force();
    }
  }

  @Override
  public void close() {
    if (!closed) {
      flush();
      closed = true;
      onClose.accept(this);
    }
  }

  private void checkBlock(int block) {
    if (block < 0 || block >= eraseCounts.length()) {
      throw new IndexOutOfBoundsException(
          String.format(
              "%s: erase block %d does not exist (the media has %d)",
              spec.name(), block, eraseCounts.length()));
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
              spec.name(), operation, length, offset, size));
    }
  }

  @Override
  public String toString() {
    return spec.name() + " media: " + description;
  }
}
