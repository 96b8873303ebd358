package org.flashstack.vendor.emflash.driver;

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
import org.flashstack.vendor.emflash.driver.internal.EmflashDevice;

/**
 * The emflash driver: a {@link FlashDriver} for MMIO devices of the {@value #COMPATIBLE} binding.
 * On attach it claims the controller, reads the MCU's device ID and flash size, unlocks FLASH_CR
 * with the key sequence, and returns the {@link FlashDevice} that drives it through its registers.
 */
public final class EmflashFlashDriver implements FlashDriver {

  /** The binding it drives. */
  public static final String COMPATIBLE = "flashstack,emflash";

  private final String name;
  private final EmulatedClock clock;
  private final long claimTimeoutMillis;

  /**
   * @param name the driver's name (the component's is {@code emflash})
   * @param clock the clock its deadlines run on
   * @param claimTimeoutMillis how long an attach waits for the previous owner
   */
  public EmflashFlashDriver(String name, EmulatedClock clock, long claimTimeoutMillis) {
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
      return EmflashDevice.attach(hardware.name(), claim, clock);
    } catch (FlashException | RuntimeException e) {
      claim.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return "emflash driver " + name;
  }
}
