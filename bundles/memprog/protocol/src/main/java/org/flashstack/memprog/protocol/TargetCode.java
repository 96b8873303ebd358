package org.flashstack.memprog.protocol;

/**
 * The Codes a FlashStack target puts beside an error result, so a host can say what failed.
 * MemProgLib leaves Code to the handler; these are FlashStack's, and a host shows a Code it does
 * not know as a number.
 */
public enum TargetCode {
  /** The interface number is not one of the target's. */
  NO_INTERFACE(1, "no such interface"),
  /** A START for an interface whose command is still running. */
  INTERFACE_BUSY(2, "the interface is still running a command"),
  /** A buffer's Length is 0 or more than the buffer size. */
  BAD_LENGTH(3, "a buffer's Length is 0 or past the buffer size"),
  /** An address range past the interface's region. */
  OUT_OF_RANGE(4, "the range is past the end of the interface's region"),
  /** An erase not on erase-unit boundaries. */
  MISALIGNED(5, "the erase range is not on erase-unit boundaries"),
  /** A buffer's sequence number out of order (repeated, behind, or not a sequence number). */
  SEQUENCE(6, "a buffer's Sequence is out of order"),
  /** A write or erase of a read-only region. */
  READ_ONLY(7, "the interface's region is read-only"),
  /** The partition or device the interface is bound to is not up. */
  UNBOUND(8, "the partition or device the interface is bound to is not up"),
  /** The flash failed the operation. */
  FLASH_ERROR(9, "the flash failed the operation"),
  /** The host sent no buffer within the target's limit. */
  NO_BUFFER(10, "no buffer from the host within the target's time limit"),
  /** The handler did not finish within the target's limit. */
  HANDLER_TIMEOUT(11, "the command's handler did not finish within the target's time limit"),
  /** A parameter of the command is out of its range. */
  BAD_PARAMETER(12, "a parameter is out of its range"),
  /** The target is stopping. */
  STOPPING(13, "the target is stopping");

  private final int value;
  private final String meaning;

  TargetCode(int value, String meaning) {
    this.value = value;
    this.meaning = meaning;
  }

  /**
   * @return the Code's value
   */
  public int value() {
    return value;
  }

  /**
   * @return what it means, for messages
   */
  public String meaning() {
    return meaning;
  }

  /**
   * @return {@code "code 4: the range is past ..."} or {@code "code 0x1234"} for a Code that is not
   *     FlashStack's
   */
  public static String describe(long code) {
    for (TargetCode known : values()) {
      if (known.value == code) {
        return "code " + code + ": " + known.meaning;
      }
    }
    return String.format("code 0x%x", code);
  }
}
