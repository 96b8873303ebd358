package org.flashstack.api.media;

/** What a program over cells that are not erased does. */
public enum ProgramPolicy {
  /**
   * As NOR silicon does: the new value is ANDed into the cells, so bits already 0 stay 0 and the
   * stored byte may differ from the one programmed.
   */
  AND,
  /**
   * Refuse: a program that would need a 0 bit to become 1 fails with {@link CellOverwriteException}
   * and changes nothing. Catches drivers that forget to erase. A source byte of 0xff programs no
   * cell (drivers pad partial program units with it), so it is never refused.
   */
  REJECT_OVERWRITE
}
