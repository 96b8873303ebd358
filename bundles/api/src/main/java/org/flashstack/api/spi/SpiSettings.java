package org.flashstack.api.spi;

/**
 * How a controller clocks one chip select: the chip's own settings, kept per device.
 *
 * @param clockHertz the SCK frequency asked for; a controller runs at the nearest it can that is
 *     not faster
 * @param mode SPI mode 0 to 3 (CPOL is bit 1, CPHA bit 0)
 * @param csLeadHalfCycles CS# asserted to first SCK edge, in half SCK periods, 0 to 15
 * @param csTrailHalfCycles last SCK edge to CS# released, in half SCK periods, 0 to 15
 * @param csIdleHalfCycles minimum CS# high time between transactions, in half SCK periods, 0 to 15
 */
public record SpiSettings(
    long clockHertz, int mode, int csLeadHalfCycles, int csTrailHalfCycles, int csIdleHalfCycles) {

  /** Checks the ranges. */
  public SpiSettings {
    if (clockHertz <= 0) {
      throw new IllegalArgumentException("the SPI clock must be positive, not " + clockHertz);
    }
    if (mode < 0 || mode > 3) {
      throw new IllegalArgumentException("SPI mode is 0 to 3, not " + mode);
    }
    for (int cycles : new int[] {csLeadHalfCycles, csTrailHalfCycles, csIdleHalfCycles}) {
      if (cycles < 0 || cycles > 15) {
        throw new IllegalArgumentException("CS# timing is 0 to 15 half cycles, not " + cycles);
      }
    }
  }

  /**
   * @return mode 0 at {@code clockHertz}, CS# timing at its minimum
   */
  public static SpiSettings of(long clockHertz) {
    return new SpiSettings(clockHertz, 0, 0, 0, 0);
  }
}
