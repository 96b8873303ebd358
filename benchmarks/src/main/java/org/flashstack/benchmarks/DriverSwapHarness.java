package org.flashstack.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.clock.VirtualClock;
import org.flashstack.driver.cfi.CfiFlashDriver;
import org.flashstack.virtualizer.StandaloneVirtualizer;

/**
 * A harness figure: the time from a driver's departure (its removal from the virtualizer, with an
 * operation in flight and others queued) to the first queued operation completing on the next
 * driver, which must re-claim and re-probe the device. Target: under 50 ms.
 */
public final class DriverSwapHarness {
  private DriverSwapHarness() {}

  /** Median and maximum, in milliseconds. */
  record Figure(double medianMillis, double maxMillis, int swaps) {}

  public static void main(String[] args) throws Exception {
    Figure figure = run(args.length > 0 ? Integer.parseInt(args[0]) : 50);
    System.out.printf(
        Locale.ROOT,
        "driver departure to queued work resuming on the next driver: median %.2f ms, max %.2f ms over %d swaps (target < 50 ms) %s%n",
        figure.medianMillis(),
        figure.maxMillis(),
        figure.swaps(),
        figure.maxMillis() < 50 ? "MET" : "MISSED");
  }

  static Figure run(int swaps) throws Exception {
    VirtualClock clock = new VirtualClock();
    Boards.Chip chip = Boards.nor("nor0", clock);
    List<Double> millis = new ArrayList<>();
    try (StandaloneVirtualizer virtualizer = new StandaloneVirtualizer(10_000)) {
      FlashDriver fallback = new CfiFlashDriver("cfi", clock, 1_000);
      virtualizer.addDriver(fallback, 0);
      virtualizer.addHardware(chip.device(), chip.properties());
      Flash flash = virtualizer.flash("nor0").orElseThrow();
      for (int swap = 0; swap < swaps + 5; swap++) {
        FlashDriver preferred = new CfiFlashDriver("vendor", clock, 1_000);
        virtualizer.addDriver(preferred, 10);
        CompletableFuture<byte[]> inFlight = flash.readAsync(0, 64 * 1024);
        List<CompletableFuture<byte[]>> queued = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          queued.add(flash.readAsync(i * 4096L, 4096));
        }
        long departed = System.nanoTime();
        virtualizer.removeDriver(preferred);
        queued.get(0).get(10, TimeUnit.SECONDS);
        long resumed = System.nanoTime();
        inFlight.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(queued.toArray(new CompletableFuture[0])).get(10, TimeUnit.SECONDS);
        if (swap >= 5) {
          millis.add((resumed - departed) / 1e6);
        }
      }
    }
    Collections.sort(millis);
    return new Figure(millis.get(millis.size() / 2), millis.get(millis.size() - 1), millis.size());
  }
}
