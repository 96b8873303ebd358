package org.flashstack.memprog.host;

import java.time.Duration;

/**
 * A host's limits.
 *
 * @param buffersPerInterface how many buffers an interface may have with the target at once while
 *     others send too (2 by default, as MemProgLib advises, so other interfaces keep bandwidth);
 *     the target's buffers are split evenly among the interfaces sending, so one alone may use them
 *     all
 * @param timeout how long a command may wait for the target (a token back, a result) without any
 *     progress before it fails
 * @param interfaces how many interfaces the target has, or -1 to ask it (a FlashStack target
 *     answers DESCRIBE; for a public one give the number: a command to an interface it does not
 *     have crashes it)
 */
public record HostSettings(int buffersPerInterface, Duration timeout, int interfaces) {

  /** Two buffers per interface, 10 s, ask the target. */
  public static final HostSettings DEFAULTS = new HostSettings(2, Duration.ofSeconds(10), -1);

  public HostSettings {
    if (buffersPerInterface < 1) {
      throw new IllegalArgumentException("an interface needs at least one buffer");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the host's time limit must be more than zero");
    }
    if (interfaces < -1 || interfaces > 256) {
      throw new IllegalArgumentException("a target has 0 to 256 interfaces, not " + interfaces);
    }
  }

  /**
   * @return these settings with another time limit
   */
  public HostSettings withTimeout(Duration limit) {
    return new HostSettings(buffersPerInterface, limit, interfaces);
  }

  /**
   * @return these settings with another number of buffers per interface
   */
  public HostSettings withBuffersPerInterface(int buffers) {
    return new HostSettings(buffers, timeout, interfaces);
  }

  /**
   * @return these settings with a known interface count
   */
  public HostSettings withInterfaces(int count) {
    return new HostSettings(buffersPerInterface, timeout, count);
  }
}
