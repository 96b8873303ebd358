package org.flashstack.api.update;

/** Where a slot stands in the update flow. */
public enum SlotState {
  /** No valid image. */
  EMPTY,
  /** A valid image, staged and verified, not activated. */
  STAGED,
  /** Activated and on trial: it boots until it is confirmed or runs out of attempts. */
  TRIAL,
  /** Activated and confirmed good. */
  CONFIRMED,
  /** Was active, and another slot has been activated since. */
  INACTIVE,
  /** Rolled back: it ran out of boot attempts without being confirmed. */
  BAD
}
