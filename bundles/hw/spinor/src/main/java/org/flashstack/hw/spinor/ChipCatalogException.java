package org.flashstack.hw.spinor;

/** A catalog entry that cannot describe a part: the message names the entry and the field. */
public final class ChipCatalogException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * @param entry the entry's file or part name
   * @param field the field, e.g. {@code eraseTypes[1].opcode}
   * @param problem what is wrong
   */
  public ChipCatalogException(String entry, String field, String problem) {
    super("catalog entry " + entry + ": " + field + ": " + problem);
  }
}
