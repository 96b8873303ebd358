package org.flashstack.api.update;

/**
 * An update step refused or failed, with what to do about it. A refused step (a malformed image,
 * nothing staged) changed no byte; a failed one (the flash failed or lost power) left the slots as
 * the crash-consistency rules of docs/update.md say: never unbootable, nothing acknowledged lost.
 */
public class UpdateException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** The image is malformed: bad magic, header, length or digest. */
    BAD_IMAGE,
    /** The image does not fit the slot. */
    TOO_LARGE,
    /** The step does not apply now (nothing staged, nothing to confirm). */
    NOT_APPLICABLE,
    /** A slot's boot record has no room left; stage the image again. */
    RECORD_FULL,
    /** The flash failed or lost power during the step. */
    FLASH
  }

  private final Reason reason;

  public UpdateException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public UpdateException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * @return why
   */
  public Reason reason() {
    return reason;
  }
}
