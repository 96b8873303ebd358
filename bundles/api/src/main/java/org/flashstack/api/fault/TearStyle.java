package org.flashstack.api.fault;

/** How a program or erase cut by a power loss leaves the cells it had not finished. */
public enum TearStyle {
  /** In address order: the bytes before the cut point are done, the rest untouched. */
  ORDERED,
  /**
   * Bit by bit: each bit the operation would change changes with the probability of the cut point
   * (a program's 1 → 0 transitions land or not; an erase leaves the bits it did not finish weak,
   * reading back unstable until the block is erased again).
   */
  BITWISE
}
