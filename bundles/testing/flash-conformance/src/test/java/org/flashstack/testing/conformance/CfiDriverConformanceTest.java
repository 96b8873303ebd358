package org.flashstack.testing.conformance;

import java.nio.ByteOrder;
import java.util.Map;
import org.flashstack.api.cfi.CfiBinding;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.clock.VirtualClock;
import org.flashstack.driver.cfi.CfiFlashDriver;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.flashstack.hw.media.NorMedia;

/** The CFI driver passes the Flash driver conformance suite on two x16 devices on a 32-bit bus. */
class CfiDriverConformanceTest extends FlashDriverConformance {

  private final VirtualClock clock = new VirtualClock();

  @Override
  protected FlashDriver newDriver() {
    return new CfiFlashDriver("cfi", clock, 2000);
  }

  @Override
  protected Device newDevice() throws Exception {
    CfiDeviceParameters parameters =
        new CfiDeviceParameters(
            "nor0", 4, 2, 8192, 16, 0x89, 0x18, 32, ByteOrder.LITTLE_ENDIAN, false);
    CfiNorFlash model =
        new CfiNorFlash(
            parameters,
            NorMedia.open(
                MediaSpec.ram("nor0", parameters.size(), parameters.blockSize())
                    .withProgramPolicy(ProgramPolicy.AND)),
            clock);
    return new Device(
        new ClaimableMmioDevice(model, model::powerUpReset),
        Map.of(
            DeviceProperties.NAME, "nor0",
            DeviceProperties.COMPATIBLE, CfiBinding.COMPATIBLE,
            CfiBinding.BANK_WIDTH, "4"));
  }
}
