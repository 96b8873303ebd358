package org.flashstack.driver.cfi.internal;

import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.driver.cfi.CfiFlashDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CFI driver's DS component: registers {@link CfiFlashDriver} named {@code cfi}. Its ranking
 * and preferences are configuration, changed at runtime without a restart (DS republishes them and
 * the flash virtualizer re-chooses).
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
  private volatile CfiFlashDriver driver;

  /** Takes the clock the driver's deadlines run on and its settings. */
  @Activate
  public CfiDriverComponent(@Reference EmulatedClock clock, CfiDriverConfiguration configuration) {
    this.clock = clock;
    this.driver = new CfiFlashDriver(DRIVER_NAME, clock, configuration.claimTimeoutMillis());
  }

  @Modified
  void modified(CfiDriverConfiguration configuration) {
    this.driver = new CfiFlashDriver(DRIVER_NAME, clock, configuration.claimTimeoutMillis());
    LOG.info(
        "CFI driver: ranking {}, preferred for [{}]",
        configuration.service_ranking(),
        String.join(", ", configuration.flash_driver_preferredFor()));
  }

  @Override
  public String name() {
    return DRIVER_NAME;
  }

  @Override
  public boolean supports(FlashHardware hardware) {
    return driver.supports(hardware);
  }

  @Override
  public FlashDevice attach(FlashHardware hardware) throws FlashException {
    FlashDevice device = driver.attach(hardware);
    LOG.info(
        "{}: {} ({} bytes), manufacturer 0x{} device 0x{}",
        device.name(),
        device.identity().interfaceDescription(),
        device.geometry().size(),
        Integer.toHexString(device.identity().manufacturerId()),
        Integer.toHexString(device.identity().deviceId()));
    return device;
  }
}
