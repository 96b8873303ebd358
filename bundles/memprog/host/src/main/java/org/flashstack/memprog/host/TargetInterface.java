package org.flashstack.memprog.host;

/**
 * One interface of a target, as DESCRIBE tells it (a FlashStack target), or just its number (a
 * public one).
 *
 * @param number the interface number
 * @param description what it is bound to ({@code partition:staging}), or {@code "interface N"}
 * @param size its size in bytes, or -1 if the target does not say
 * @param eraseSize its erase unit, or -1 if the target does not say
 * @param readOnly whether it refuses writes and erases
 */
public record TargetInterface(
    int number, String description, long size, long eraseSize, boolean readOnly) {

  /**
   * @return an interface a public target has, of which only the number is known
   */
  public static TargetInterface unknown(int number) {
    return new TargetInterface(number, "interface " + number, -1, -1, false);
  }

  /**
   * @return whether the size is known
   */
  public boolean sizeKnown() {
    return size >= 0;
  }

  /**
   * @return {@code "interface 1 (partition:staging)"}, for messages
   */
  public String label() {
    String plain = "interface " + number;
    return description.equals(plain) ? plain : plain + " (" + description + ")";
  }
}
