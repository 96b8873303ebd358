package org.flashstack.api.log;

/** A record a log refuses, or a flash failure under it, with what went wrong. */
public class LogException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was refused or failed
   * @param cause the lower-level failure, or null
   */
  public LogException(String message, Throwable cause) {
    super(message, cause);
  }
}
