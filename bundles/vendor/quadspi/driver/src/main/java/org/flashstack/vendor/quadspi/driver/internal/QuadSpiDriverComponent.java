package org.flashstack.vendor.quadspi.driver.internal;

import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.vendor.quadspi.driver.QuadSpiFlashDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quadspi driver's DS component: registers {@link QuadSpiFlashDriver} as the {@code quadspi}
 * {@link FlashDriver}. Installing the bundle moves the chips behind quadspi controllers onto it;
 * stopping, updating or uninstalling it hands them to the flash virtualizer's next choice after the
 * operation in flight.
 */
@Component(
    service = FlashDriver.class,
    configurationPid = QuadSpiDriverComponent.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = DeviceProperties.DRIVER_NAME + "=" + QuadSpiDriverComponent.DRIVER_NAME)
@Designate(ocd = QuadSpiDriverConfiguration.class)
public final class QuadSpiDriverComponent implements FlashDriver {

  /** The configuration PID. */
  public static final String PID = "org.flashstack.vendor.quadspi.driver";

  /** The driver's name. */
  public static final String DRIVER_NAME = "quadspi";

  private static final Logger LOG = LoggerFactory.getLogger(QuadSpiDriverComponent.class);

  private final EmulatedClock clock;
  private volatile QuadSpiFlashDriver driver;

  @Activate
  public QuadSpiDriverComponent(
      @Reference EmulatedClock clock, QuadSpiDriverConfiguration configuration) {
    this.clock = clock;
    this.driver = new QuadSpiFlashDriver(DRIVER_NAME, clock, configuration.claimTimeoutMillis());
  }

  @Modified
  void modified(QuadSpiDriverConfiguration configuration) {
    this.driver = new QuadSpiFlashDriver(DRIVER_NAME, clock, configuration.claimTimeoutMillis());
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
    LOG.info("{}: {}", device.name(), device.identity().interfaceDescription());
    return device;
  }
}
