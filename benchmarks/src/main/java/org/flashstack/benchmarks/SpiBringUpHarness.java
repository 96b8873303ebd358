package org.flashstack.benchmarks;

import java.util.Arrays;

/**
 * How long the SPI NOR driver takes to bring up a chip it has never heard of, from RDID and SFDP
 * alone, over the whole SPI stack: wall time of {@code attach}, the median and maximum of several
 * runs after a warm-up.
 */
final class SpiBringUpHarness {
  private SpiBringUpHarness() {}

  /**
   * @param millisMedian the median wall time
   * @param millisMax the longest
   * @param runs how many bring-ups
   */
  record Figure(double millisMedian, double millisMax, int runs) {}

  static Figure run(String part, int runs) throws Exception {
    for (int i = 0; i < 5; i++) {
      new SpiBoard(part).attach();
    }
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      SpiBoard board = new SpiBoard(part);
      long start = System.nanoTime();
      board.attach();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return new Figure(millis[runs / 2], millis[runs - 1], runs);
  }
}
