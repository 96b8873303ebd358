package org.flashstack.api.board;

/** A preset that is unknown, malformed, or did not come up (the old board was put back). */
public class BoardException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong and what was done about it
   */
  public BoardException(String message) {
    super(message);
  }
}
