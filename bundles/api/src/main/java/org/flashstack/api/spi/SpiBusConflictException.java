package org.flashstack.api.spi;

/**
 * Two masters drove one chip at once: a chip select was asserted on a chip that is already
 * selected, or a segment reached a chip that is not selected. On a real board this is bus
 * contention; a model refuses the access and counts it, so a test can prove it never happened.
 */
public class SpiBusConflictException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message the chip and what collided
   */
  public SpiBusConflictException(String message) {
    super(message);
  }
}
