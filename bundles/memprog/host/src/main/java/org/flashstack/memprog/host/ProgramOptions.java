package org.flashstack.memprog.host;

import java.util.function.BooleanSupplier;

/**
 * How {@link MemProgProgrammer#program} goes about it.
 *
 * @param verify CRC every segment on the target after programming and compare
 * @param skipUnchanged leave alone every erase unit whose bytes under the image already have the
 *     image's CRC (as pyOCD's smart flash and U-Boot's {@code sf update} do)
 * @param eraseUnit the erase unit to work in, or 0 for the interface's (4 KiB if the target does
 *     not say)
 * @param cancelled asked before each command; once true, the job stops at that command boundary
 *     with a {@link java.util.concurrent.CancellationException}
 */
public record ProgramOptions(
    boolean verify, boolean skipUnchanged, long eraseUnit, BooleanSupplier cancelled) {

  /** No verify pass, no skipping, the interface's erase unit, never cancelled. */
  public static final ProgramOptions DEFAULTS = new ProgramOptions(false, false, 0, () -> false);

  public ProgramOptions {
    if (eraseUnit < 0) {
      throw new IllegalArgumentException("the erase unit must not be negative");
    }
    if (cancelled == null) {
      cancelled = () -> false;
    }
  }

  /**
   * @return these options with verify and skip-unchanged set as given
   */
  public ProgramOptions with(boolean verifyAfter, boolean skip) {
    return new ProgramOptions(verifyAfter, skip, eraseUnit, cancelled);
  }

  /**
   * @return these options with a cancellation check
   */
  public ProgramOptions cancelledWhen(BooleanSupplier check) {
    return new ProgramOptions(verify, skipUnchanged, eraseUnit, check);
  }
}
