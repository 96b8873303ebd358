package org.flashstack.clock;

import java.util.Arrays;
import org.flashstack.api.clock.EmulatedClock;

/**
 * A deterministic clock: time moves only when somebody waits ({@link #pause}) or a test moves it
 * ({@link #advance}). A pause stops at the next instant a device announced, so polling a busy
 * device costs one pause per state change, whatever its duration. Thread-safe; time never goes
 * back.
 */
public final class VirtualClock implements EmulatedClock {

  /** The current time; written only under the lock, read without it. */
  private volatile long now;

  /** Announced instants after {@link #now}, a binary min-heap of {@link #pending} entries. */
  private long[] wakeUps = new long[16];

  private int pending;

  @Override
  public long now() {
    return now;
  }

  @Override
  public synchronized void pause(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("a pause must not be negative: " + nanos);
    }
    long target = saturatedAdd(now, nanos);
    if (pending > 0 && wakeUps[0] < target) {
      target = wakeUps[0];
    }
    moveTo(target);
  }

  @Override
  public synchronized void wakeAt(long instant) {
    if (instant <= now || announced(instant)) {
      return;
    }
    if (pending == wakeUps.length) {
      wakeUps = Arrays.copyOf(wakeUps, pending * 2);
    }
    int at = pending++;
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (wakeUps[parent] <= instant) {
        break;
      }
      wakeUps[at] = wakeUps[parent];
      at = parent;
    }
    wakeUps[at] = instant;
  }

  @Override
  public synchronized void advance(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("time cannot go back: " + nanos);
    }
    moveTo(saturatedAdd(now, nanos));
  }

  @Override
  public String mode() {
    return MODE_VIRTUAL;
  }

  /** Whether {@code instant} is already pending (looked for among the first few only). */
  private boolean announced(long instant) {
    for (int i = 0, n = Math.min(pending, 32); i < n; i++) {
      if (wakeUps[i] == instant) {
        return true;
      }
    }
    return false;
  }

  /** Moves time forward to {@code target} and forgets the instants it reached. */
  private void moveTo(long target) {
    if (target > now) {
      now = target;
    }
    while (pending > 0 && wakeUps[0] <= now) {
      removeFirst();
    }
  }

  private void removeFirst() {
    long last = wakeUps[--pending];
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= pending) {
        break;
      }
      if (child + 1 < pending && wakeUps[child + 1] < wakeUps[child]) {
        child++;
      }
      if (wakeUps[child] >= last) {
        break;
      }
      wakeUps[at] = wakeUps[child];
      at = child;
    }
    wakeUps[at] = last;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }

  @Override
  public String toString() {
    return "virtual clock at " + now + " ns";
  }
}
