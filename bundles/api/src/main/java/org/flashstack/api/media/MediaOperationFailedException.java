package org.flashstack.api.media;

/**
 * A program or erase that the cells did not take (a failure the fault engine injected, or a worn
 * out sector): the cells are as the failure left them, and the device reports it the way the chip
 * does (an error bit in its status, where it has one).
 */
public class MediaOperationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean erase;

  /**
   * @param erase whether the operation was an erase (else a program)
   * @param message names the device, the operation and why
   */
  public MediaOperationFailedException(boolean erase, String message) {
    super(message);
    this.erase = erase;
  }

  /**
   * @return whether the operation was an erase (else a program)
   */
  public boolean isErase() {
    return erase;
  }
}
