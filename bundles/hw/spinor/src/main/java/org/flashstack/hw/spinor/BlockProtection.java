package org.flashstack.hw.spinor;

/**
 * Which addresses a part refuses to program or erase, by its protection scheme: the BP bits of the
 * status registers, or SST26's block protection register.
 */
interface BlockProtection {

  /**
   * @param registers the part's current register values
   * @param offset first byte
   * @param length bytes, at least 1
   * @return whether any byte of the range is protected
   */
  boolean isProtected(int[] registers, long offset, long length);

  /**
   * @return whether any byte of the part is protected
   */
  default boolean anyProtected(int[] registers, long size) {
    return isProtected(registers, 0, size);
  }

  /** No protection. */
  BlockProtection NONE = (registers, offset, length) -> false;
}
