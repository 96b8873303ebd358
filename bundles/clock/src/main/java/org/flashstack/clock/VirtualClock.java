package org.flashstack.clock;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.flashstack.api.clock.EmulatedClock;

/**
 * A deterministic clock: time moves only when somebody waits ({@link #pause}) or a test moves it
 * ({@link #advance}). A pause stops at the next instant a device announced, so polling a busy
 * device costs one pause per state change, whatever its duration. Thread-safe; time never goes
 * back.
 */
public final class VirtualClock implements EmulatedClock {

  private final AtomicLong now = new AtomicLong();
  private final ConcurrentSkipListSet<Long> wakeUps = new ConcurrentSkipListSet<>();

  @Override
  public long now() {
    return now.get();
  }

  @Override
  public void pause(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("a pause must not be negative: " + nanos);
    }
    long from = now.get();
    long target = saturatedAdd(from, nanos);
    Long next = wakeUps.higher(from);
    if (next != null && next < target) {
      target = next;
    }
    moveTo(target);
  }

  @Override
  public void wakeAt(long instant) {
    if (instant > now.get()) {
      wakeUps.add(instant);
    }
  }

  @Override
  public void advance(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("time cannot go back: " + nanos);
    }
    moveTo(saturatedAdd(now.get(), nanos));
  }

  @Override
  public String mode() {
    return MODE_VIRTUAL;
  }

  private void moveTo(long target) {
    long reached = now.accumulateAndGet(target, Math::max);
    wakeUps.headSet(reached, true).clear();
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }

  @Override
  public String toString() {
    return "virtual clock at " + now.get() + " ns";
  }
}
