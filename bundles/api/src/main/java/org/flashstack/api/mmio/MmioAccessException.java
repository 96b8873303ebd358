package org.flashstack.api.mmio;

/**
 * A bus access the device refused: outside its window, of a width it does not decode, or not
 * aligned to its width. The access has no effect on the device. This is the emulated equivalent of
 * a bus fault, so it is unchecked: a correct driver never causes one.
 */
public class MmioAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which access was refused and why, naming the device
   */
  public MmioAccessException(String message) {
    super(message);
  }
}
