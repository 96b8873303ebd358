package org.flashstack.memprog.protocol;

/**
 * MemProgLib's numbers: the version, tokens, PARAM and buffer statuses, results and commands, as
 * MemProgLib 2.0.0 encodes them.
 */
public final class MemProg {
  private MemProg() {}

  /** The protocol version QUERY_CAP returns in Code: 2.0.0. */
  public static final long VERSION = 0x0002_0000L;

  /** Token: the host may write the structure. */
  public static final int TOKEN_HOST = 0x00;

  /** Token: the target may write the structure. */
  public static final int TOKEN_TARGET = 0x80;

  // PARAM statuses
  /** PARAM: nothing going on; the host may start a command. */
  public static final int STATUS_IDLE = 0x00;

  /** PARAM: the host starts a command. */
  public static final int STATUS_START = 0x01;

  /** PARAM: the target took the command. */
  public static final int STATUS_ACK = 0x02;

  /** Result: the command succeeded. */
  public static final int STATUS_OK = 0x40;

  /** Result: a parameter was wrong. */
  public static final int STATUS_ERR_PARAM = 0x41;

  /** Result: the command failed while running. */
  public static final int STATUS_ERR_EXECUTION = 0x42;

  /** Result: the command took too long. */
  public static final int STATUS_ERR_TIMEOUT = 0x43;

  /** Result: the target has no handler for the command. */
  public static final int STATUS_ERR_IMPLEMENTATION = 0x7e;

  /** Result: any other failure. */
  public static final int STATUS_ERR_OTHER = 0x7f;

  /**
   * Result flag: not every buffer was free at the end of the command; the handler's own status is
   * in Code.
   */
  public static final int STATUS_BUFFER = 0x80;

  // buffer statuses
  /** BDT: the buffer holds nothing. */
  public static final int BUFFER_FREE = 0x00;

  /** BDT: the buffer is being filled for an interface. */
  public static final int BUFFER_PENDING = 0x01;

  /** BDT: the buffer holds data for an interface. */
  public static final int BUFFER_FULL = 0x02;

  // commands
  public static final int CMD_MASS_ERASE = 0x00;
  public static final int CMD_ERASE_RANGE = 0x01;
  public static final int CMD_PROG_VERIFY = 0x10;
  public static final int CMD_CRC = 0x40;
  public static final int CMD_READ = 0x50;
  public static final int CMD_QUERY_CAP = 0x7f;

  /** Custom commands start here. */
  public static final int CMD_CUSTOM = 0x80;

  /**
   * FlashStack's own command (a custom code): tells how many interfaces the target has (P1) and
   * what interface {@code Interface} is (P2 size, P3 erase size, P4 flags: bit 0 read-only). With
   * P1 = 1 in the START, the host sends one request buffer (Sequence 0x80) and gets it back FULL
   * with the interface's description (e.g. {@code partition:staging}) as UTF-8 text, as READ
   * answers. A public target answers ERR_IMPLEMENTATION.
   */
  public static final int CMD_DESCRIBE = 0xf0;

  /** {@link #CMD_DESCRIBE}'s P4 flag: the interface refuses writes and erases. */
  public static final long DESCRIBE_READ_ONLY = 0x1;

  /** A buffer's sequence number marking the last buffer of a command. */
  public static final int SEQUENCE_LAST = 0x80;

  /** Sequence numbers count 0 to this, then start again at 0. */
  public static final int SEQUENCE_MAX = 0x7f;

  /**
   * @return whether a PARAM status is a command's result (OK or an error, with or without the
   *     BUFFER flag)
   */
  public static boolean isResult(int status) {
    return (status & ~STATUS_BUFFER) >= STATUS_OK || status == STATUS_BUFFER;
  }

  /**
   * @return the sequence number after {@code sequence}: 0 .. 0x7F, then 0 again
   */
  public static int nextSequence(int sequence) {
    return sequence >= SEQUENCE_MAX ? 0 : sequence + 1;
  }

  /**
   * @return the name of a PARAM status, for messages: "OK", "ERR_PARAM", "START", ...
   */
  public static String statusName(int status) {
    String flag = (status & STATUS_BUFFER) != 0 && status != STATUS_BUFFER ? " + BUFFER" : "";
    return switch (status & ~STATUS_BUFFER) {
      case STATUS_IDLE -> status == STATUS_BUFFER ? "BUFFER" : "IDLE";
      case STATUS_START -> "START" + flag;
      case STATUS_ACK -> "ACK" + flag;
      case STATUS_OK -> "OK" + flag;
      case STATUS_ERR_PARAM -> "ERR_PARAM" + flag;
      case STATUS_ERR_EXECUTION -> "ERR_EXECUTION" + flag;
      case STATUS_ERR_TIMEOUT -> "ERR_TIMEOUT" + flag;
      case STATUS_ERR_IMPLEMENTATION -> "ERR_IMPLEMENTATION" + flag;
      case STATUS_ERR_OTHER -> "ERR_OTHER" + flag;
      default -> String.format("0x%02x (not in the status table)", status);
    };
  }

  /**
   * @return the name of a command, for messages
   */
  public static String commandName(int command) {
    return switch (command) {
      case CMD_MASS_ERASE -> "MASS_ERASE";
      case CMD_ERASE_RANGE -> "ERASE_RANGE";
      case CMD_PROG_VERIFY -> "PROG_VERIFY";
      case CMD_CRC -> "CRC";
      case CMD_READ -> "READ";
      case CMD_QUERY_CAP -> "QUERY_CAP";
      case CMD_DESCRIBE -> "DESCRIBE (FlashStack)";
      default ->
          command >= CMD_CUSTOM
              ? String.format("custom 0x%02x", command)
              : String.format("0x%02x (not a command)", command);
    };
  }
}
