package org.flashstack.api.fault;

/** What a sector erased more often than the plan's endurance does. */
public enum WearOutMode {
  /** Its erases fail: some bits stay programmed and the device reports an erase failure. */
  ERASE_FAILS,
  /** Programs in it fail: some bits do not take and the device reports a program failure. */
  PROGRAM_FAILS,
  /** Each further erase leaves one more bit of it stuck at 0 for good. */
  BITS_STICK
}
