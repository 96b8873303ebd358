package org.flashstack.flashlog;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

/**
 * NOR flash in RAM for log tests: programs clear bits, erases set a unit to 0xFF, and a planned
 * power cut tears the operation it falls on (ordered: the first half lands; bitwise: a random part
 * of the bit changes lands) and fails it.
 */
final class RamLogFlash implements LogFlash {

  static final class PowerCut extends IOException {
    private static final long serialVersionUID = 1L;

    PowerCut() {
      super("power cut");
    }
  }

  final byte[] cells;
  final int unitSize;
  long operations;
  long cutAt = -1;
  boolean bitwise;
  final Random random = new Random(3);

  RamLogFlash(int unitSize, int units) {
    this.unitSize = unitSize;
    cells = new byte[unitSize * units];
    Arrays.fill(cells, (byte) 0xff);
  }

  @Override
  public int unitSize() {
    return unitSize;
  }

  @Override
  public int units() {
    return cells.length / unitSize;
  }

  @Override
  public void read(long offset, byte[] destination, int from, int length) {
    System.arraycopy(cells, (int) offset, destination, from, length);
  }

  @Override
  public void program(long offset, byte[] source, int from, int length) throws IOException {
    boolean cut = operations++ == cutAt;
    for (int i = 0; i < length; i++) {
      byte wanted = (byte) (cells[(int) offset + i] & source[from + i]);
      if (!cut) {
        cells[(int) offset + i] = wanted;
      } else if (bitwise) {
        int lands = random.nextInt(256);
        cells[(int) offset + i] = (byte) (cells[(int) offset + i] & (wanted | ~lands));
      } else if (i < length / 2) {
        cells[(int) offset + i] = wanted;
      }
    }
    if (cut) {
      throw new PowerCut();
    }
  }

  @Override
  public void eraseUnit(int unit) throws IOException {
    boolean cut = operations++ == cutAt;
    int start = unit * unitSize;
    if (cut && bitwise) {
      for (int i = start; i < start + unitSize; i++) {
        cells[i] |= (byte) random.nextInt(256);
      }
    } else {
      Arrays.fill(cells, start, start + (cut ? unitSize / 2 : unitSize), (byte) 0xff);
    }
    if (cut) {
      throw new PowerCut();
    }
  }
}
