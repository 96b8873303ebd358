package org.flashstack.vendor.quadspi.driver;

import org.flashstack.api.flash.FlashDriver;
import org.flashstack.clock.VirtualClock;
import org.flashstack.testing.conformance.FlashDriverConformance;

/**
 * The quadspi driver passes the conformance suite on a W25Q256JV (32 MiB: 4-byte addresses by B7h)
 * behind the controller.
 */
class QuadSpiConformanceTest extends FlashDriverConformance {

  private final VirtualClock clock = new VirtualClock();

  @Override
  protected FlashDriver newDriver() {
    return new QuadSpiFlashDriver("quadspi", clock, 2000);
  }

  @Override
  protected Device newDevice() throws Exception {
    QuadSpiBoard board = new QuadSpiBoard("W25Q256JV", clock);
    return new Device(board.device, board.properties());
  }
}
