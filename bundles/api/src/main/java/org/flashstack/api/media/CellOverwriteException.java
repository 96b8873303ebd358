package org.flashstack.api.media;

/**
 * A program that needed a 0 bit to become 1, refused under {@link ProgramPolicy#REJECT_OVERWRITE}.
 * Nothing was changed.
 */
public class CellOverwriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  /**
   * @param offset the first byte whose cells are not erased enough for the new value
   * @param message the explanation
   */
  public CellOverwriteException(long offset, String message) {
    super(message);
    this.offset = offset;
  }

  /**
   * @return the first offending byte offset
   */
  public long offset() {
    return offset;
  }
}
