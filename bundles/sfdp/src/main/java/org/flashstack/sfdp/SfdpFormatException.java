package org.flashstack.sfdp;

/**
 * An SFDP space that JESD216 does not allow: the message names the field, its byte offset in the
 * space, and what is wrong with it.
 */
public final class SfdpFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final int offset;

  /**
   * @param field the JESD216 field, e.g. {@code "parameter header 1 table pointer"}
   * @param offset its byte offset in the SFDP space
   * @param problem what is wrong
   */
  public SfdpFormatException(String field, int offset, String problem) {
    super(String.format("%s at 0x%x: %s", field, offset, problem));
    this.field = field;
    this.offset = offset;
  }

  /**
   * @return the field that is wrong
   */
  public String field() {
    return field;
  }

  /**
   * @return its byte offset in the SFDP space
   */
  public int offset() {
    return offset;
  }
}
