package org.flashstack.api.media;

/**
 * The media can no longer be trusted: its image file vanished, was truncated or replaced while in
 * use, or the mapping failed. The message names the device, the file and what happened. No further
 * change reaches the cells.
 */
public class MediaFaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the device, the file and the reason
   * @param cause the lower-level failure, or null
   */
  public MediaFaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
