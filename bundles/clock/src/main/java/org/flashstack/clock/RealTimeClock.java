package org.flashstack.clock;

import java.util.concurrent.locks.LockSupport;
import org.flashstack.api.clock.EmulatedClock;

/**
 * The system's monotonic clock, from the instant this clock was made: devices are busy for their
 * real times and waiting parks the thread.
 */
public final class RealTimeClock implements EmulatedClock {

  private final long origin = System.nanoTime();

  @Override
  public long now() {
    return System.nanoTime() - origin;
  }

  @Override
  public void pause(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("a pause must not be negative: " + nanos);
    }
    long deadline = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  @Override
  public void wakeAt(long instant) {
    // Real time needs no announcements: the instant comes by itself.
  }

  @Override
  public void advance(long nanos) {
    throw new UnsupportedOperationException("a real-time clock cannot be moved");
  }

  @Override
  public String mode() {
    return MODE_REAL_TIME;
  }

  @Override
  public String toString() {
    return "real-time clock at " + now() + " ns";
  }
}
