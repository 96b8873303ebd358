package org.flashstack.api.device;

/**
 * The device lost power while it was being used, or is powered off. Thrown by media (a power cut
 * injected inside a program or erase, which leaves the cells as far as the operation got) and by
 * device models (every access of an owner that has not seen the device come back). Drivers report
 * it as {@code POWER_LOST}.
 */
public class PowerLossException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the device and where the power went
   */
  public PowerLossException(String message) {
    super(message);
  }
}
