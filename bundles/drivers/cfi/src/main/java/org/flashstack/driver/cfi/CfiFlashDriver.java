package org.flashstack.driver.cfi;

import java.nio.ByteOrder;
import java.util.Objects;
import org.flashstack.api.cfi.CfiBinding;
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
import org.flashstack.driver.cfi.internal.CfiDeviceDriver;
import org.osgi.util.converter.Converter;
import org.osgi.util.converter.Converters;

/**
 * The CFI driver: a {@link FlashDriver} for MMIO devices of the {@code cfi-flash} binding. On
 * attach it claims the device, probes it through its registers (bank width and byte order from the
 * binding's properties, read with the OSGi Converter whether they are numbers or text) and returns
 * the {@link FlashDevice} that drives it; a device that does not answer the probe is released
 * again, with the reason in the exception.
 */
public final class CfiFlashDriver implements FlashDriver {

  private final String name;
  private final EmulatedClock clock;
  private final long claimTimeoutMillis;
  private final Converter converter = Converters.standardConverter();

  /**
   * @param name the driver's name (the CFI component's is {@code cfi})
   * @param clock the clock its deadlines run on, the devices' clock
   * @param claimTimeoutMillis how long an attach waits for the device's previous owner
   */
  public CfiFlashDriver(String name, EmulatedClock clock, long claimTimeoutMillis) {
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
    return CfiBinding.COMPATIBLE.equals(
            String.valueOf(hardware.properties().get(DeviceProperties.COMPATIBLE)))
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
    Binding binding = converter.convert(hardware.properties()).to(Binding.class);
    MmioClaim claim;
    try {
      claim = device.claim("driver " + name, claimTimeoutMillis);
    } catch (DeviceClaimException e) {
      throw new FlashException(FlashError.BUSY, hardware.name(), "attach", -1, e.getMessage(), e);
    }
    try {
      ByteOrder order = binding.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      return CfiDeviceDriver.attach(claim, binding.bankWidth(), order, clock);
    } catch (FlashException | RuntimeException e) {
      claim.close();
      throw e;
    }
  }

  /** The cfi-flash binding's properties, typed. */
  @interface Binding {
    /** {@link CfiBinding#BANK_WIDTH}; 0 means "probe 4, 2 and 1". */
    int bankWidth() default 0;

    /** {@link CfiBinding#BIG_ENDIAN}. */
    boolean bigEndian() default false;
  }

  @Override
  public String toString() {
    return "CFI driver " + name;
  }
}
