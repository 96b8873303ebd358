package org.flashstack.memprog.protocol;

/**
 * The target addresses a transport reaches, {@code [base, base + size)}, and the one check of an
 * access against them that every transport makes.
 *
 * @param base the first target address
 * @param size how many bytes, at most 2 GiB
 */
public record MemoryWindow(long base, int size) {

  public MemoryWindow {
    if (base < 0 || base + size > 0x1_0000_0000L) {
      throw new IllegalArgumentException(
          String.format(
              "target memory [0x%x, +%d bytes) does not fit 32-bit target addresses", base, size));
    }
    if (size <= 0) {
      throw new IllegalArgumentException("target memory needs a size, not " + size);
    }
  }

  /**
   * @return the index of {@code address} in the window's bytes, after checking that {@code length}
   *     bytes from there lie inside it
   * @throws IndexOutOfBoundsException naming the range and the window
   */
  public int index(long address, int length) {
    if (length < 0 || address < base || address + length > base + size) {
      throw new IndexOutOfBoundsException(
          String.format(
              "target address 0x%08x, %d bytes, is outside the memory at [0x%08x, 0x%08x)",
              address, length, base, base + size));
    }
    return (int) (address - base);
  }

  /**
   * @return whether the layout lies wholly inside the window
   */
  public boolean contains(MemProgLayout layout) {
    return layout.start() >= base && layout.end() <= base + size;
  }

  @Override
  public String toString() {
    return String.format("[0x%08x, 0x%08x)", base, base + size);
  }
}
