package org.flashstack.hw.cfi;

import java.util.List;
import org.flashstack.api.flash.EraseRegion;

/**
 * A device's erase sectors (blocks) by address, from its cells' regions: how many there are, and
 * the index, start and size of the one holding an offset.
 */
final class Sectors {

  private final long[] starts;
  private final long[] sizes;

  Sectors(List<EraseRegion> regions) {
    int count = 0;
    for (EraseRegion region : regions) {
      count += region.blockCount();
    }
    starts = new long[count];
    sizes = new long[count];
    int index = 0;
    for (EraseRegion region : regions) {
      for (int i = 0; i < region.blockCount(); i++, index++) {
        starts[index] = region.offset() + i * region.blockSize();
        sizes[index] = region.blockSize();
      }
    }
  }

  int count() {
    return starts.length;
  }

  /**
   * @return the index of the sector holding {@code offset}
   */
  int indexOf(long offset) {
    int low = 0;
    int high = starts.length - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (starts[middle] <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  long start(int index) {
    return starts[index];
  }

  long size(int index) {
    return sizes[index];
  }
}
