package org.flashstack.memprog.image;

/**
 * Bytes to store from an address on.
 *
 * @param address where the first byte goes
 * @param data the bytes
 */
public record Segment(long address, byte[] data) {

  public Segment {
    if (address < 0 || data == null) {
      throw new IllegalArgumentException("a segment needs an address of 0 or more and bytes");
    }
  }

  /**
   * @return one past its last address
   */
  public long end() {
    return address + data.length;
  }

  @Override
  public String toString() {
    return String.format("[0x%08x, 0x%08x)", address, end());
  }
}
