package org.flashstack.api.media;

/** A program or erase of read-only media. Nothing was changed. */
public class MediaReadOnlyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the media and the refused operation
   */
  public MediaReadOnlyException(String message) {
    super(message);
  }
}
