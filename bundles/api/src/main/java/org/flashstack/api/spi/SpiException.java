package org.flashstack.api.spi;

/**
 * A transaction the controller could not carry out; the message names the controller, the chip
 * select and what went wrong. Nothing of the transaction is retried.
 */
public class SpiException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a transaction failed. */
  public enum Reason {
    /** The request is not one the controller can clock (lanes, lengths, chip select). */
    INVALID_REQUEST,
    /** The controller reported an error (overflow, underflow, invalid command, ...). */
    CONTROLLER_ERROR,
    /** The controller did not finish in time. */
    TIMEOUT,
    /** The controller is gone or stopped. */
    UNAVAILABLE,
    /**
     * The controller lost power during the transaction (a power cut of the board): the chip's
     * operation may be torn; the controller was set up again for the next transaction.
     */
    POWER_LOST
  }

  private final Reason reason;

  /**
   * @param reason why
   * @param message the controller, chip select and what happened
   */
  public SpiException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * @param reason why
   * @param message the controller, chip select and what happened
   * @param cause the underlying failure
   */
  public SpiException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * @return why the transaction failed
   */
  public Reason reason() {
    return reason;
  }
}
