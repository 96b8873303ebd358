package org.flashstack.driver.spi.mux.internal;

import java.util.List;
import java.util.Map;
import org.flashstack.api.device.DeviceConfigurations;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.spi.SpiDevice;
import org.flashstack.api.spi.SpiException;
import org.flashstack.api.spi.SpiMaster;
import org.flashstack.api.spi.SpiSegment;
import org.flashstack.api.spi.SpiSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One {@link SpiDevice} per factory configuration, on the controller its {@code master.target}
 * selects (which must be the one of its {@code spi.bus}), sharing that controller with the other
 * chip selects through one {@code SpiMux}. It comes and goes with its controller.
 */
@Component(
    service = SpiDevice.class,
    configurationPid = SpiDeviceComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SpiDeviceConfiguration.class, factory = true)
public final class SpiDeviceComponent implements SpiDevice {

  /** The factory PID of SPI devices. */
  public static final String FACTORY_PID = "org.flashstack.driver.spi.mux";

  private final SpiDevice device;

  /** Checks the configuration and takes the device of its chip select. */
  @Activate
  public SpiDeviceComponent(
      @Reference(name = "master") SpiMaster master,
      @Reference SpiMuxes muxes,
      SpiDeviceConfiguration configuration,
      Map<String, Object> properties) {
    DeviceConfigurations.check(SpiDeviceConfiguration.class, properties);
    String name = DeviceProperties.name(properties);
    if (!master.bus().equals(configuration.spi_bus())) {
      throw new IllegalArgumentException(
          String.format(
              "%s: spi.bus = %s but master.target %s selects the controller of %s",
              name, configuration.spi_bus(), configuration.master_target(), master.bus()));
    }
    this.device =
        muxes
            .of(master)
            .device(
                name,
                configuration.spi_cs(),
                new SpiSettings(configuration.spi_clockHertz(), configuration.spi_mode(), 1, 1, 1));
  }

  @Override
  public String name() {
    return device.name();
  }

  @Override
  public String bus() {
    return device.bus();
  }

  @Override
  public int chipSelect() {
    return device.chipSelect();
  }

  @Override
  public SpiSettings settings() {
    return device.settings();
  }

  @Override
  public void transfer(List<SpiSegment> segments) throws SpiException {
    device.transfer(segments);
  }
}
