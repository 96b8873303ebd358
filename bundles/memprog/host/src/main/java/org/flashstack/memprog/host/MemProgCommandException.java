package org.flashstack.memprog.host;

import java.io.IOException;
import org.flashstack.memprog.protocol.MemProg;
import org.flashstack.memprog.protocol.TargetCode;

/**
 * A command the target ended with an error result, or that the host gave up on (time limit, a
 * target breaking the protocol): the message names the interface, the command and the status, e.g.
 * {@code "interface 1 (partition:staging): ERASE_RANGE: ERR_PARAM (code 5: the erase range is not
 * on erase-unit boundaries)"}.
 */
public class MemProgCommandException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The status of a failure on the host's side (no result from the target). */
  public static final int HOST_SIDE = -1;

  private final int iface;
  private final int command;
  private final int status;
  private final long code;

  /** A result with an error status. */
  public MemProgCommandException(String where, int iface, int command, int status, long code) {
    super(
        where
            + ": "
            + MemProg.commandName(command)
            + ": "
            + MemProg.statusName(status)
            + " ("
            + TargetCode.describe(code)
            + ")");
    this.iface = iface;
    this.command = command;
    this.status = status;
    this.code = code;
  }

  /** A failure on the host's side, {@code why} saying what happened. */
  public MemProgCommandException(String where, int iface, int command, String why) {
    super(where + ": " + MemProg.commandName(command) + ": " + why);
    this.iface = iface;
    this.command = command;
    this.status = HOST_SIDE;
    this.code = 0;
  }

  /**
   * @return the interface
   */
  public int iface() {
    return iface;
  }

  /**
   * @return the command
   */
  public int command() {
    return command;
  }

  /**
   * @return the result status, or {@link #HOST_SIDE}
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
