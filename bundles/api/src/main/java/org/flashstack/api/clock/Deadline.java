package org.flashstack.api.clock;

import java.util.Objects;

/**
 * A time limit on the {@link EmulatedClock}, for a driver that polls a device until it is ready.
 *
 * <p>The clock is shared: while a polling thread is off the processor between reading a status and
 * looking at the time, other threads may move a virtual clock (or real time may pass) beyond both
 * the moment the device finished and the limit. A poll that reads the status first and the time
 * second then reports a timeout for a device that is ready. The sound order, as Linux's MTD drivers
 * poll, is: note whether the limit has passed, then read the status, and give up only if the device
 * was still busy in a read made after the limit:
 *
 * <pre>{@code
 * Deadline deadline = Deadline.after(clock, timeoutNanos);
 * while (true) {
 *   boolean late = deadline.passed();
 *   int status = readStatus();
 *   if (ready(status)) return status;
 *   if (late) throw timeout;
 *   clock.pause(Math.min(pollNanos, deadline.remaining() + 1));
 * }
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class Deadline {

  private final EmulatedClock clock;
  private final long instant;

  private Deadline(EmulatedClock clock, long instant) {
    this.clock = clock;
    this.instant = instant;
  }

  /**
   * @param clock the clock the limit runs on
   * @param nanos how long from now, at least 0 (a larger value than the clock can count saturates)
   * @return the limit {@code nanos} after the clock's present time
   * @throws IllegalArgumentException if {@code nanos} is negative
   */
  public static Deadline after(EmulatedClock clock, long nanos) {
    Objects.requireNonNull(clock, "clock");
    if (nanos < 0) {
      throw new IllegalArgumentException("a time limit must not be negative: " + nanos);
    }
    long now = clock.now();
    long instant = now + nanos;
    return new Deadline(clock, instant < now ? Long.MAX_VALUE : instant);
  }

  /**
   * @return whether the clock has reached the limit; take it before the status read it judges
   */
  public boolean passed() {
    return clock.now() - instant >= 0;
  }

  /**
   * @return nanoseconds left until the limit, 0 once it has passed
   */
  public long remaining() {
    return Math.max(0, instant - clock.now());
  }

  /**
   * @return the limit, in the clock's nanoseconds
   */
  public long instant() {
    return instant;
  }

  @Override
  public String toString() {
    return "deadline at " + instant + " ns on the " + clock.mode() + " clock";
  }
}
