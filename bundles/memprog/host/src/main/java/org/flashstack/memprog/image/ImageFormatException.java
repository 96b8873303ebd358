package org.flashstack.memprog.image;

import java.io.IOException;

/**
 * A malformed image file: the message names the file's format, the line or header, and the fault.
 */
public class ImageFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public ImageFormatException(String message) {
    super(message);
  }
}
