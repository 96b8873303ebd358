package org.flashstack.driver.cfi.internal;

import java.nio.ByteOrder;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.mmio.MmioClaim;

/** Probes a claimed CFI device and returns the driver for its command set. */
public final class CfiDeviceDriver {
  private CfiDeviceDriver() {}

  /**
   * @param claim the driver's claim on the device
   * @param bankWidth the announced bank width, or 0 to probe 4, 2 and 1
   * @throws FlashException if the device does not answer the probe or its command set is not driven
   */
  public static FlashDevice attach(
      MmioClaim claim, int bankWidth, ByteOrder order, EmulatedClock clock) throws FlashException {
    CfiProbe.Result probe = CfiProbe.probe(claim, bankWidth, order, clock);
    if (probe.query().primaryCommandSet() == CfiQuery.COMMAND_SET_AMD_STANDARD) {
      return new AmdCommandSetFlash(claim, probe, clock);
    }
    return new IntelCommandSetFlash(claim, probe, clock);
  }
}
