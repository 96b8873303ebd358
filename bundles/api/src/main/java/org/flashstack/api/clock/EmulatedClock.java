package org.flashstack.api.clock;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one clock of the emulated world. Device models take their busy times from it (a program is
 * busy until {@code now() + typical time}) and drivers their deadlines, so both agree on what time
 * it is.
 *
 * <p>Two modes. <b>Virtual</b> (the default): time stands still until someone waits; {@link
 * #pause(long)} moves it forward at once, to the earlier of the caller's wake-up time and the next
 * instant a device announced with {@link #wakeAt(long)}, so a driver polling a 1 s erase sees it
 * finish after one pause, deterministically and without sleeping. Tests move it with {@link
 * #advance(long)}. <b>Real time</b>: {@link #now()} follows the system's monotonic clock and {@link
 * #pause(long)} parks the thread.
 *
 * <p>Times are nanoseconds since the clock started; never negative, never going back.
 */
@ProviderType
public interface EmulatedClock {

  /** Configuration value and {@link #mode()} of the virtual clock. */
  String MODE_VIRTUAL = "virtual";

  /** Configuration value and {@link #mode()} of the real-time clock. */
  String MODE_REAL_TIME = "real-time";

  /**
   * @return the current emulated time in nanoseconds
   */
  long now();

  /**
   * The caller waits up to {@code nanos}: a virtual clock advances to {@code min(now + nanos, the
   * next announced instant after now)} and returns at once; a real-time clock parks the thread for
   * {@code nanos} (or until interrupted).
   *
   * @param nanos how long the caller is willing to wait, at least 0
   */
  void pause(long nanos);

  /**
   * Announces an instant at which a device's state changes (a program or erase completes), so that
   * a virtual clock's {@link #pause(long)} stops there. A real-time clock ignores it.
   *
   * @param instant an emulated time in nanoseconds
   */
  void wakeAt(long instant);

  /**
   * Moves a virtual clock forward by {@code nanos}; a real-time clock cannot be moved and throws.
   *
   * @throws UnsupportedOperationException on a real-time clock
   */
  void advance(long nanos);

  /**
   * @return {@value #MODE_VIRTUAL} or {@value #MODE_REAL_TIME}
   */
  String mode();
}
