package org.flashstack.memprog.target;

import java.util.Arrays;
import java.util.Objects;
import org.flashstack.api.memprog.MemProgException;
import org.flashstack.api.memprog.MemProgRegion;
import org.flashstack.memprog.protocol.TargetCode;

/**
 * A zero-latency NOR flash region in an array, for tests and benchmarks: erased bytes are 0xFF, a
 * write clears bits (stores {@code old & new}), an erase sets whole erase units back to 0xFF. Safe
 * for one writer with concurrent readers of other ranges.
 */
public final class ArrayRegion implements MemProgRegion {

  private final String description;
  private final byte[] cells;
  private final int eraseSize;
  private final boolean readOnly;

  /**
   * @param description what it is ({@code "array:a"})
   * @param size its size, a multiple of {@code eraseSize}
   * @param eraseSize the erase unit
   * @param readOnly whether writes and erases are refused
   */
  public ArrayRegion(String description, int size, int eraseSize, boolean readOnly) {
    if (eraseSize <= 0 || size <= 0 || size % eraseSize != 0) {
      throw new IllegalArgumentException("size must be a positive multiple of the erase size");
    }
    this.description = Objects.requireNonNull(description);
    this.cells = new byte[size];
    this.eraseSize = eraseSize;
    this.readOnly = readOnly;
    Arrays.fill(cells, (byte) 0xff);
  }

  /**
   * @return the cells themselves (tests look at and preset them)
   */
  public byte[] cells() {
    return cells;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public long size() {
    return cells.length;
  }

  @Override
  public long eraseSize() {
    return eraseSize;
  }

  @Override
  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length) {
    System.arraycopy(cells, (int) address, destination, offset, length);
  }

  @Override
  public void write(long address, byte[] source, int offset, int length) throws MemProgException {
    refuseIfReadOnly();
    int at = (int) address;
    for (int i = 0; i < length; i++) {
      cells[at + i] &= source[offset + i];
    }
  }

  @Override
  public void erase(long address, long length) throws MemProgException {
    refuseIfReadOnly();
    Arrays.fill(cells, (int) address, (int) (address + length), (byte) 0xff);
  }

  private void refuseIfReadOnly() throws MemProgException {
    if (readOnly) {
      throw new MemProgException(
          MemProgException.ERR_EXECUTION,
          TargetCode.READ_ONLY.value(),
          description + " is read-only");
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
