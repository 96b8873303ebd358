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

  @Override
  public String toString() {
    return String.format(
        "%s: %s at operation %d, 0x%x (+%d): %s", device, kind, operation, offset, length, detail);
  }
}
