package org.flashstack.driver.spinor;

/**
 * How the driver brings a chip up.
 *
 * @param maxLanes the most data lines the controller drives (1, 2 or 4)
 * @param unprotect whether to clear block protection at attach
 * @param softReset whether to send reset enable and reset (66h 99h) before probing
 */
public record SpiNorOptions(int maxLanes, boolean unprotect, boolean softReset) {

  /** Checks the lanes: 1, 2 or 4, else an {@link IllegalArgumentException} saying so. */
  public SpiNorOptions {
    if (maxLanes != 1 && maxLanes != 2 && maxLanes != 4) {
      throw new IllegalArgumentException("spinor: maxLanes is 1, 2 or 4, not " + maxLanes);
    }
  }

  /**
   * @return these options with at most {@code lanes} lanes (the fewer of the two)
   */
  public SpiNorOptions withAtMostLanes(int lanes) {
    return lanes >= maxLanes ? this : new SpiNorOptions(lanes, unprotect, softReset);
  }

  /** Quad, unprotect, reset: what a board with a quad-capable controller wants. */
  public static final SpiNorOptions DEFAULT = new SpiNorOptions(4, true, true);
}
