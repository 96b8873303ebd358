package org.flashstack.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flashstack.api.clock.Deadline;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void passesWhenTheClockReachesItAndCountsDownTheRest() {
    VirtualClock clock = new VirtualClock();
    clock.advance(1_000);
    Deadline deadline = Deadline.after(clock, 500);
    assertEquals(1_500, deadline.instant());
    assertFalse(deadline.passed());
    assertEquals(500, deadline.remaining());
    clock.advance(499);
    assertFalse(deadline.passed());
    assertEquals(1, deadline.remaining());
    clock.advance(1);
    assertTrue(deadline.passed(), "reached is passed");
    clock.advance(10_000);
    assertTrue(deadline.passed());
    assertEquals(0, deadline.remaining(), "never negative");
  }

  @Test
  void aLimitTooFarSaturatesAndANegativeOneIsRefused() {
    VirtualClock clock = new VirtualClock();
    clock.advance(10);
    assertEquals(Long.MAX_VALUE, Deadline.after(clock, Long.MAX_VALUE).instant());
    assertFalse(Deadline.after(clock, Long.MAX_VALUE).passed());
    assertThrows(IllegalArgumentException.class, () -> Deadline.after(clock, -1));
    assertTrue(Deadline.after(clock, 0).passed(), "a zero limit has passed at once");
  }
}
