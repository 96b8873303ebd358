package org.flashstack.api.spi;

/**
 * How many data lines a segment is clocked on: one (MOSI and MISO as separate lines), two (IO0 and
 * IO1), four (IO0 to IO3) or eight (an octal bus). JESD216 writes a transfer's lanes per phase as
 * {@code command-address-data}, e.g. 1-1-4: command and address on one line, data on four.
 */
public enum SpiLanes {
  /** Standard SPI: one bit per clock in each direction. */
  SINGLE(1),
  /** Dual I/O: two bits per clock, one direction at a time. */
  DUAL(2),
  /** Quad I/O: four bits per clock, one direction at a time. */
  QUAD(4),
  /** Octal I/O: eight bits per clock, one direction at a time. */
  OCTAL(8);

  private final int width;

  SpiLanes(int width) {
    this.width = width;
  }

  /**
   * @return the number of data lines, 1, 2, 4 or 8
   */
  public int width() {
    return width;
  }

  /**
   * @return the clocks one byte takes: 8, 4, 2 or 1
   */
  public int clocksPerByte() {
    return 8 / width;
  }

  /**
   * @param width 1, 2, 4 or 8
   * @return the lanes of that width
   * @throws IllegalArgumentException for any other width
   */
  public static SpiLanes ofWidth(int width) {
    for (SpiLanes lanes : values()) {
      if (lanes.width == width) {
        return lanes;
      }
    }
    throw new IllegalArgumentException("an SPI bus has 1, 2, 4 or 8 data lines, not " + width);
  }
}
