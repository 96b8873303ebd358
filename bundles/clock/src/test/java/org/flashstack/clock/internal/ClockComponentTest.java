package org.flashstack.clock.internal;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ClockComponentTest {

  @Test
  void modesAreParsedAndAnUnknownOneIsRefusedNamingTheValidOnes() {
    assertEquals("virtual", ClockComponent.create("virtual").mode());
    assertEquals("real-time", ClockComponent.create(" real-time ").mode());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClockComponent.create("fast"));
    assertEquals("clock: mode 'fast' is not one of virtual, real-time", e.getMessage());
  }
}
