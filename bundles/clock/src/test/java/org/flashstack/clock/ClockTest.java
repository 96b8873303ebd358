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
  void manyAnnouncedInstantsAreVisitedInOrderEachOnce() {
    VirtualClock clock = new VirtualClock();
    java.util.Random random = new java.util.Random(3);
    java.util.TreeSet<Long> expected = new java.util.TreeSet<>();
    for (int i = 0; i < 5_000; i++) {
      long instant = 1 + random.nextInt(1_000_000);
      clock.wakeAt(instant);
      clock.wakeAt(instant);
      expected.add(instant);
    }
    for (long instant : expected) {
      clock.pause(Long.MAX_VALUE);
      assertEquals(instant, clock.now(), "the next announced instant, duplicates once");
    }
    clock.pause(7);
    assertEquals(expected.last() + 7, clock.now(), "all consumed");
  }

  @Test
  void advancingPastInstantsForgetsThem() {
    VirtualClock clock = new VirtualClock();
    for (long instant = 100; instant <= 1_000; instant += 100) {
      clock.wakeAt(instant);
    }
    clock.advance(550);
    clock.pause(Long.MAX_VALUE);
    assertEquals(600, clock.now(), "the first instant after the advance");
    clock.wakeAt(650);
    clock.pause(1_000);
    assertEquals(650, clock.now(), "an instant announced later still comes first");
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
