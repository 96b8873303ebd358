package org.flashstack.api.memprog;

/**
 * A command's failure on a target, as the result it becomes: a status (ERR_PARAM 0x41,
 * ERR_EXECUTION 0x42, ERR_TIMEOUT 0x43, ERR_IMPLEMENTATION 0x7E, ERR_OTHER 0x7F) and the Code that
 * goes with it, with a message for the target's log.
 *
 * @since 1.1
 */
public class MemProgException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Result: a parameter was wrong. */
  public static final int ERR_PARAM = 0x41;

  /** Result: the command failed while running. */
  public static final int ERR_EXECUTION = 0x42;

  /** Result: the command took too long. */
  public static final int ERR_TIMEOUT = 0x43;

  /** Result: no handler for the command. */
  public static final int ERR_IMPLEMENTATION = 0x7e;

  /** Result: any other failure. */
  public static final int ERR_OTHER = 0x7f;

  private final int status;
  private final long code;

  /**
   * @param status the result status, one of the ERR_ values
   * @param code the result's Code (what failed, in the handler's terms)
   * @param message what went wrong, for the log
   */
  public MemProgException(int status, long code, String message) {
    this(status, code, message, null);
  }

  /** As the three-argument constructor, with the cause. */
  public MemProgException(int status, long code, String message, Throwable cause) {
    super(message, cause);
    if (status < ERR_PARAM || status > ERR_OTHER) {
      throw new IllegalArgumentException(
          String.format("0x%02x is not an error result (0x41 to 0x7F)", status));
    }
    this.status = status;
    this.code = code & 0xffff_ffffL;
  }

  /**
   * @return the result status
   */
  public int status() {
    return status;
  }

  /**
   * @return the result's Code
   */
  public long code() {
    return code;
  }
}
