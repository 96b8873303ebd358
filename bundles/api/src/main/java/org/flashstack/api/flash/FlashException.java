package org.flashstack.api.flash;

import java.util.Objects;

/**
 * A failed flash operation. The message names the device, the operation and the address, then the
 * error and a specific explanation, for example {@code "nor0: erase at 0x00040000: PROTECTED: block
 * 1 is locked"}.
 */
public class FlashException extends Exception {
  private static final long serialVersionUID = 1L;

  private final FlashError error;
  private final String device;
  private final String operation;
  private final long address;

  /**
   * @param error what went wrong
   * @param device the device (or partition) name
   * @param operation the operation, in lower case: {@code read}, {@code program}, {@code erase},
   *     ...
   * @param address the byte address the operation was about, or -1 where none applies
   * @param detail a specific explanation a user can act on
   */
  public FlashException(
      FlashError error, String device, String operation, long address, String detail) {
    this(error, device, operation, address, detail, null);
  }

  /** Same as the five-argument constructor, with the lower-level cause. */
  public FlashException(
      FlashError error,
      String device,
      String operation,
      long address,
      String detail,
      Throwable cause) {
    super(format(error, device, operation, address, detail), cause);
    this.error = Objects.requireNonNull(error, "error");
    this.device = device;
    this.operation = operation;
    this.address = address;
  }

  private static String format(
      FlashError error, String device, String operation, long address, String detail) {
    String where = address < 0 ? "" : String.format(" at 0x%08x", address);
    return device + ": " + operation + where + ": " + error + ": " + detail;
  }

  /**
   * @return what went wrong
   */
  public FlashError error() {
    return error;
  }

  /**
   * @return the device or partition name
   */
  public String device() {
    return device;
  }

  /**
   * @return the operation that failed
   */
  public String operation() {
    return operation;
  }

  /**
   * @return the byte address the failure is about, or -1
   */
  public long address() {
    return address;
  }
}
