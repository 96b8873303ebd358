package org.flashstack.serprog;

import java.io.IOException;
import org.flashstack.api.clock.EmulatedClock;

/**
 * A bus whose chips live on an emulated clock, driven by a client that keeps wall time (flashrom
 * waits for a page program or an erase by the clock on the wall): before each transaction, a
 * virtual clock is moved on by the wall time since the previous one, so a chip's busy times pass as
 * the client expects. A real-time clock needs nothing.
 */
public final class PacedBus implements SerprogBus {

  private final SerprogBus bus;
  private final EmulatedClock clock;
  private long last = System.nanoTime();

  /**
   * @param bus the chips
   * @param clock the clock their timings run on
   */
  public PacedBus(SerprogBus bus, EmulatedClock clock) {
    this.bus = bus;
    this.clock = clock;
  }

  @Override
  public String name() {
    return bus.name();
  }

  @Override
  public boolean hasChipSelect(int chipSelect) {
    return bus.hasChipSelect(chipSelect);
  }

  @Override
  public void transfer(int chipSelect, byte[] write, byte[] read) throws IOException {
    synchronized (this) {
      long now = System.nanoTime();
      if (!EmulatedClock.MODE_REAL_TIME.equals(clock.mode()) && now > last) {
        clock.advance(now - last);
      }
      last = now;
    }
    bus.transfer(chipSelect, write, read);
  }
}
