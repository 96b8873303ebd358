package org.flashstack.virtualizer.internal;

import static org.junit.jupiter.api.Assertions.*;

import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.virtualizer.StandaloneVirtualizer;
import org.junit.jupiter.api.Test;

/** The DS adapter registers through the bundle context; the standalone one works without OSGi. */
class FlashVirtualizerComponentTest {

  private final Bench bench = new Bench();

  @Test
  void theComponentRegistersOneFlashPerDeviceAndUpdatesItsDriverProperty() throws Exception {
    FlashVirtualizerComponent component = bench.virtualizer(1000);
    Bench.Chip chip = bench.chip("nor0");
    FlashDriver cfi = bench.driver("cfi");
    var cfiProperties = bench.driverProperties("cfi", 0);
    component.bindDriver(cfi, cfiProperties);
    component.bindHardware(chip.device(), chip.properties());
    assertEquals("cfi", bench.servingDriver("nor0"));
    component.unbindDriver(cfi, cfiProperties);
    assertEquals(
        "none", bench.servingDriver("nor0"), "the Flash stays, its driver property says none");
    assertEquals(1, bench.registrations.size(), "registered once, updated since");
    component.deactivate();
    assertTrue(bench.flashServices().isEmpty(), "deactivation withdraws every Flash");
  }

  @Test
  void theStandaloneVirtualizerServesAFlashWithoutOsgi() throws Exception {
    Bench.Chip chip = bench.chip("nor0");
    try (StandaloneVirtualizer virtualizer = new StandaloneVirtualizer(1000)) {
      virtualizer.addDriver(bench.driver("cfi"), 0);
      assertTrue(virtualizer.flash("nor0").isEmpty());
      virtualizer.addHardware(chip.device(), chip.properties());
      Flash flash = virtualizer.flash("nor0").orElseThrow();
      flash.update(10, new byte[] {1, 2, 3}, 0, 3);
      byte[] back = new byte[3];
      flash.read(10, back, 0, 3);
      assertArrayEquals(new byte[] {1, 2, 3}, back);
      assertEquals("cfi", virtualizer.queues().get(0).driver());
      virtualizer.removeHardware(chip.device());
      assertTrue(virtualizer.flash("nor0").isEmpty());
      assertTrue(chip.device().holder().isEmpty());
    }
  }
}
