package org.flashstack.vendor.quadspi.driver;

import java.util.Objects;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.DeviceClaimException;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.api.mmio.MmioClaim;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.vendor.quadspi.driver.internal.QuadSpiDevice;

/**
 * The quadspi driver: a {@link FlashDriver} for QSPI controllers of the {@value #COMPATIBLE}
 * binding. On attach it claims the controller and learns the chip on flash 1 from its JEDEC ID and
 * SFDP, through the controller's indirect command interface only.
 */
public final class QuadSpiFlashDriver implements FlashDriver {

  /** The binding it drives. */
  public static final String COMPATIBLE = "flashstack,quadspi-flash";

  private final String name;
  private final EmulatedClock clock;
  private final long claimTimeoutMillis;

  public QuadSpiFlashDriver(String name, EmulatedClock clock, long claimTimeoutMillis) {
    this.name = Objects.requireNonNull(name, "name");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.claimTimeoutMillis = claimTimeoutMillis;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean supports(FlashHardware hardware) {
    return COMPATIBLE.equals(String.valueOf(hardware.properties().get(DeviceProperties.COMPATIBLE)))
        && hardware.as(MmioDevice.class).isPresent();
  }

  @Override
  public FlashDevice attach(FlashHardware hardware) throws FlashException {
    MmioDevice device =
        hardware
            .as(MmioDevice.class)
            .orElseThrow(
                () ->
                    new FlashException(
                        FlashError.NOT_SUPPORTED,
                        hardware.name(),
                        "attach",
                        -1,
                        "not an MMIO device"));
    MmioClaim claim;
    try {
      claim = device.claim("driver " + name, claimTimeoutMillis);
    } catch (DeviceClaimException e) {
      throw new FlashException(FlashError.BUSY, hardware.name(), "attach", -1, e.getMessage(), e);
    }
    try {
      return QuadSpiDevice.attach(hardware.name(), claim, clock);
    } catch (FlashException | RuntimeException e) {
      claim.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return "quadspi driver " + name;
  }
}
