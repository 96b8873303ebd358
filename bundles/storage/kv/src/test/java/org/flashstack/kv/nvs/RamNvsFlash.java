package org.flashstack.kv.nvs;

import java.io.IOException;
import java.util.Arrays;

/**
 * NOR flash in RAM for store tests: a program only clears bits, an erase sets a page to 0xFF, and a
 * planned power cut tears the operation it falls on (half of its bytes land) and fails it.
 */
final class RamNvsFlash implements NvsFlash {

  /** The power went while the store wrote. */
  static final class PowerCut extends IOException {
    private static final long serialVersionUID = 1L;

    PowerCut(String message) {
      super(message);
    }
  }

  final byte[] cells;
  long operations;
  long cutAt = -1;

  RamNvsFlash(int pages) {
    cells = new byte[pages * NvsFormat.PAGE_SIZE];
    Arrays.fill(cells, (byte) 0xff);
  }

  RamNvsFlash(byte[] image) {
    cells = image.clone();
  }

  @Override
  public int pageCount() {
    return cells.length / NvsFormat.PAGE_SIZE;
  }

  @Override
  public void read(long offset, byte[] destination, int from, int length) {
    System.arraycopy(cells, (int) offset, destination, from, length);
  }

  private boolean cutNow() {
    return operations++ == cutAt;
  }

  @Override
  public void program(long offset, byte[] source, int from, int length) throws IOException {
    boolean cut = cutNow();
    int landing = cut ? length / 2 : length;
    for (int i = 0; i < landing; i++) {
      cells[(int) offset + i] &= source[from + i];
    }
    if (cut) {
      throw new PowerCut(
          "power cut while programming " + length + " bytes at 0x" + Long.toHexString(offset));
    }
  }

  @Override
  public void erasePage(int page) throws IOException {
    boolean cut = cutNow();
    int start = page * NvsFormat.PAGE_SIZE;
    Arrays.fill(
        cells, start, start + (cut ? NvsFormat.PAGE_SIZE / 2 : NvsFormat.PAGE_SIZE), (byte) 0xff);
    if (cut) {
      throw new PowerCut("power cut while erasing page " + page);
    }
  }
}
