package org.flashstack.api.fault;

/** The faults the engine injects, each counted and recorded. */
public enum FaultKind {
  /** The power went inside a program or erase. */
  POWER_CUT,
  /** A program cut bit by bit: some of its transitions landed. */
  TORN_PROGRAM,
  /** An erase cut bit by bit: the bits it did not finish read back unstable. */
  TORN_ERASE,
  /** A bit of data read came back flipped (the cells are unchanged). */
  READ_FLIP,
  /** A bit stuck for good (configured, or worn out). */
  STUCK_BIT,
  /** An operation on a sector erased more often than the endurance. */
  WEAR_OUT,
  /** A program that did not take, reported by the device. */
  PROGRAM_FAILURE,
  /** An erase that did not take, reported by the device. */
  ERASE_FAILURE
}
