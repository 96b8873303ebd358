package org.flashstack.driver.cfi.internal;

import java.nio.ByteOrder;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.converter.Converter;
import org.osgi.util.converter.Converters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CFI driver: a {@link FlashDriver} for MMIO devices of the {@code cfi-flash} binding. On
 * attach it claims the device, probes it through its registers and returns the {@link FlashDevice}
 * that drives it; a device that does not answer the probe is released again with the reason. Its
 * ranking and preferences are configuration, changed at runtime without a restart.
 */
@Component(
    service = FlashDriver.class,
    configurationPid = CfiDriverComponent.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = DeviceProperties.DRIVER_NAME + "=" + CfiDriverComponent.DRIVER_NAME)
@Designate(ocd = CfiDriverConfiguration.class)
public final class CfiDriverComponent implements FlashDriver {

  /** The configuration PID of the driver. */
  public static final String PID = "org.flashstack.driver.cfi";

  /** The driver's name. */
  public static final String DRIVER_NAME = "cfi";

  private static final Logger LOG = LoggerFactory.getLogger(CfiDriverComponent.class);

  private final EmulatedClock clock;
  private final Converter converter = Converters.standardConverter();
  private volatile CfiDriverConfiguration configuration;

  /** Takes the clock the driver's deadlines run on and its settings. */
  @Activate
  public CfiDriverComponent(@Reference EmulatedClock clock, CfiDriverConfiguration configuration) {
    this.clock = clock;
    this.configuration = configuration;
  }

  /** New ranking or preferences: DS republishes them; the virtualizer re-chooses. */
  @Modified
  void modified(CfiDriverConfiguration configuration) {
    this.configuration = configuration;
    LOG.info(
        "CFI driver: ranking {}, preferred for {}",
        configuration.service_ranking(),
        String.join(", ", configuration.flash_driver_preferredFor()));
  }

  @Override
  public String name() {
    return DRIVER_NAME;
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
    CfiHardware binding = converter.convert(hardware.properties()).to(CfiHardware.class);
    MmioClaim claim;
    try {
      claim = device.claim("driver " + DRIVER_NAME, configuration.claimTimeoutMillis());
    } catch (DeviceClaimException e) {
      throw new FlashException(FlashError.BUSY, hardware.name(), "attach", -1, e.getMessage(), e);
    }
    try {
      ByteOrder order = binding.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      IntelCommandSetFlash flash =
          new IntelCommandSetFlash(
              claim, CfiProbe.probe(claim, binding.bankWidth(), order, clock), clock);
      LOG.info(
          "{}: {} ({} bytes), manufacturer 0x{} device 0x{}",
          flash.name(),
          flash.identity().interfaceDescription(),
          flash.geometry().size(),
          Integer.toHexString(flash.identity().manufacturerId()),
          Integer.toHexString(flash.identity().deviceId()));
      return flash;
    } catch (FlashException | RuntimeException e) {
      claim.close();
      throw e;
    }
  }
}
