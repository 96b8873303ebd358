package org.flashstack.clock;

import static org.junit.jupiter.api.Assertions.*;

import org.flashstack.api.clock.EmulatedClock;
import org.junit.jupiter.api.Test;

class ClockTest {

  @Test
  void virtualTimeStandsStillUntilSomebodyWaits() {
    VirtualClock clock = new VirtualClock();
    assertEquals(0, clock.now());
    assertEquals(0, clock.now());
    clock.pause(1_000);
    assertEquals(1_000, clock.now());
    clock.advance(500);
    assertEquals(1_500, clock.now());
    assertEquals(EmulatedClock.MODE_VIRTUAL, clock.mode());
  }

  @Test
  void aPauseStopsAtTheNextAnnouncedInstant() {
    VirtualClock clock = new VirtualClock();
    clock.wakeAt(2_000_000_000L); // an erase completing after 2 s
    clock.wakeAt(5_000L);
    clock.pause(Long.MAX_VALUE);
    assertEquals(5_000, clock.now(), "first stop: the earlier instant");
    clock.pause(Long.MAX_VALUE);
    assertEquals(2_000_000_000L, clock.now(), "second stop: the erase");
    clock.pause(10);
    assertEquals(2_000_000_010L, clock.now(), "nothing announced: the whole pause");
  }

  @Test
  void instantsInThePastAreIgnoredAndTimeNeverGoesBack() {
    VirtualClock clock = new VirtualClock();
    clock.advance(100);
    clock.wakeAt(50);
    clock.pause(1_000);
    assertEquals(1_100, clock.now());
    assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
    assertThrows(IllegalArgumentException.class, () -> clock.pause(-1));
    clock.advance(Long.MAX_VALUE);
    assertEquals(Long.MAX_VALUE, clock.now(), "saturates instead of wrapping");
  }

  @Test
  void realTimeFollowsTheSystemClockAndCannotBeMoved() {
    RealTimeClock clock = new RealTimeClock();
    long before = clock.now();
    clock.pause(2_000_000);
    assertTrue(clock.now() - before >= 2_000_000, "a real pause waits");
    assertThrows(UnsupportedOperationException.class, () -> clock.advance(1));
    assertEquals(EmulatedClock.MODE_REAL_TIME, clock.mode());
  }
}
