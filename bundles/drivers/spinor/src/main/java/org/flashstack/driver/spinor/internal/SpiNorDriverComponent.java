package org.flashstack.driver.spinor.internal;

import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.driver.spinor.SpiNorFlashDriver;
import org.flashstack.driver.spinor.SpiNorOptions;
import org.flashstack.driver.spinor.SpiNorParameters;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the SPI NOR driver, {@code spinor}; its settings change without a restart. */
@Component(
    service = FlashDriver.class,
    configurationPid = SpiNorDriverComponent.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = DeviceProperties.DRIVER_NAME + "=" + SpiNorFlashDriver.NAME)
@Designate(ocd = SpiNorDriverConfiguration.class)
public final class SpiNorDriverComponent implements FlashDriver {

  /** The configuration PID. */
  public static final String PID = "org.flashstack.driver.spinor";

  private static final Logger LOG = LoggerFactory.getLogger(SpiNorDriverComponent.class);

  private final EmulatedClock clock;
  private volatile SpiNorFlashDriver driver;

  /** Takes the clock status polling waits on and the settings. */
  @Activate
  public SpiNorDriverComponent(
      @Reference EmulatedClock clock, SpiNorDriverConfiguration configuration) {
    this.clock = clock;
    this.driver = driver(clock, configuration);
  }

  private static SpiNorFlashDriver driver(
      EmulatedClock clock, SpiNorDriverConfiguration configuration) {
    return new SpiNorFlashDriver(
        clock,
        new SpiNorOptions(
            configuration.maxLanes(), configuration.unprotect(), configuration.softReset()));
  }

  @Modified
  void modified(SpiNorDriverConfiguration configuration) {
    this.driver = driver(clock, configuration);
  }

  @Override
  public String name() {
    return SpiNorFlashDriver.NAME;
  }

  @Override
  public boolean supports(FlashHardware hardware) {
    return driver.supports(hardware);
  }

  @Override
  public FlashDevice attach(FlashHardware hardware) throws FlashException {
    FlashDevice device = driver.attach(hardware);
    SpiNorParameters parameters = device.detail(SpiNorParameters.class).orElseThrow();
    LOG.info(
        "{}: {} bytes, {}{}",
        device.name(),
        device.geometry().size(),
        device.identity().interfaceDescription(),
        parameters.corrections().isEmpty() ? "" : "; corrections: " + parameters.corrections());
    return device;
  }
}
