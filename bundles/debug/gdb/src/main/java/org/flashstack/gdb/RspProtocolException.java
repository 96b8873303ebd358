package org.flashstack.gdb;

import java.io.IOException;

/** A peer broke the Remote Serial Protocol: a malformed, oversized or unacknowledged packet. */
public class RspProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  public RspProtocolException(String message) {
    super(message);
  }
}
