package org.flashstack.api.fault;

/**
 * One injected fault.
 *
 * @param device the device's name
 * @param kind what happened
 * @param operation the program or erase it struck (for read faults: the number the next program or
 *     erase will get)
 * @param offset where in the device
 * @param length how many bytes the operation or read covered
 * @param detail what exactly, for people
 */
public record FaultEvent(
    String device, FaultKind kind, long operation, long offset, long length, String detail) {

  /**
   * The Event Admin topic of a fault of {@code kind}: {@code org/flashstack/fault/POWER_CUT}, ...;
   * {@code org/flashstack/fault/*} hears them all. Properties: {@code device}, {@code kind}, {@code
   * operation}, {@code offset}, {@code length}, {@code message}.
   */
  public static String topic(FaultKind kind) {
    return "org/flashstack/fault/" + kind.name();
  }

  /**
   * @return the event's Event Admin properties
   */
  public java.util.Map<String, Object> properties() {
    return java.util.Map.of(
        "device",
        device,
        "kind",
        kind.name(),
        "operation",
        operation,
        "offset",
        offset,
        "length",
        length,
        "message",
        detail);
  }

  @Override
  public String toString() {
    return String.format(
        "%s: %s at operation %d, 0x%x (+%d): %s", device, kind, operation, offset, length, detail);
  }
}
