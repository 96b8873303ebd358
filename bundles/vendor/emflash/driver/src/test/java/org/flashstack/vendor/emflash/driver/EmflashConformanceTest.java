package org.flashstack.vendor.emflash.driver;

import java.util.Map;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.testing.conformance.FlashDriverConformance;
import org.flashstack.vendor.emflash.hw.EmflashController;
import org.flashstack.vendor.emflash.registers.EmflashRegisters;

/** The emflash vendor driver passes the project's conformance suite for Flash drivers. */
class EmflashConformanceTest extends FlashDriverConformance {

  private final VirtualClock clock = new VirtualClock();

  @Override
  protected FlashDriver newDriver() {
    return new EmflashFlashDriver("emflash", clock, 2000);
  }

  @Override
  protected Device newDevice() throws Exception {
    EmflashController controller =
        new EmflashController(
            "eflash0",
            NorMedia.open(MediaSpec.ram("eflash0", EmflashRegisters.sectors(512))),
            clock,
            EmflashRegisters.OPTCR_RESET);
    return new Device(
        new ClaimableMmioDevice(controller, controller::powerUpReset),
        Map.of(
            DeviceProperties.NAME,
            "eflash0",
            DeviceProperties.COMPATIBLE,
            EmflashFlashDriver.COMPATIBLE));
  }
}
