package org.flashstack.memprog.target;

import java.time.Duration;

/**
 * A target's limits and pace.
 *
 * @param handlerTimeout how long a command may go without progress (a buffer taken or handed back,
 *     a region operation done) before it ends with ERR_TIMEOUT and its buffers are taken back
 * @param bufferTimeout how long a handler waits for the host's next buffer before ERR_TIMEOUT
 * @param activePoll how often the loop looks at the RAM while a command runs, once it has spun
 *     {@code spin} without anything happening
 * @param idlePoll how often it looks while no command runs
 * @param spin how long the loop keeps looking without pause after the last thing that happened
 */
public record TargetSettings(
    Duration handlerTimeout,
    Duration bufferTimeout,
    Duration activePoll,
    Duration idlePoll,
    Duration spin) {

  /** 30 s without progress, 30 s for a buffer, 100 µs / 2 ms polls, 1 ms of spinning. */
  public static final TargetSettings DEFAULTS =
      new TargetSettings(
          Duration.ofSeconds(30),
          Duration.ofSeconds(30),
          Duration.ofNanos(100_000),
          Duration.ofMillis(2),
          Duration.ofMillis(1));

  public TargetSettings {
    for (Duration d : new Duration[] {handlerTimeout, bufferTimeout, activePoll, idlePoll, spin}) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("a target's limits and polls must not be negative");
      }
    }
    if (handlerTimeout.isZero() || bufferTimeout.isZero()) {
      throw new IllegalArgumentException("a target's time limits must be more than zero");
    }
  }

  /**
   * @return these settings with other time limits
   */
  public TargetSettings withTimeouts(Duration handler, Duration buffer) {
    return new TargetSettings(handler, buffer, activePoll, idlePoll, spin);
  }
}
