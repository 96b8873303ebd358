package org.flashstack.hw.opentitan.spihost.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.DeviceConfigurations;
import org.flashstack.api.device.DevicePower;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.api.mmio.ForwardingMmioDevice;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.api.spi.SpiBinding;
import org.flashstack.api.spi.SpiTarget;
import org.flashstack.hw.opentitan.spihost.OpenTitanSpiHost;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.converter.Converters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SPI_HOST per factory configuration, registered as a claimable {@link MmioDevice} and its
 * {@link DevicePower}, with {@code device.compatible=lowrisc,opentitan-spi-host} and {@code
 * device.controller=true} (a bus controller: the flash virtualizer leaves it to its own driver).
 * The chips of its bus are the {@link SpiTarget}s whose {@code spi.bus} is its own, by {@code
 * spi.cs}; they may come and go at any time.
 */
@Component(
    service = {MmioDevice.class, DevicePower.class},
    configurationPid = OpenTitanSpiHostComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = {
      DeviceProperties.COMPATIBLE + "=lowrisc,opentitan-spi-host",
      DeviceProperties.CONTROLLER + ":Boolean=true"
    })
@Designate(ocd = OpenTitanSpiHostConfiguration.class, factory = true)
public final class OpenTitanSpiHostComponent implements ForwardingMmioDevice {

  /** The factory PID of SPI hosts. */
  public static final String FACTORY_PID = "org.flashstack.hw.opentitan.spihost";

  private static final Logger LOG = LoggerFactory.getLogger(OpenTitanSpiHostComponent.class);

  private final String bus;
  private final Map<SpiTarget, Integer> targets = new ConcurrentHashMap<>();
  private final Map<Integer, SpiTarget> chips = new ConcurrentHashMap<>();
  private final OpenTitanSpiHost host;
  private final ClaimableMmioDevice device;

  /** Builds the register model for its bus. */
  @Activate
  public OpenTitanSpiHostComponent(
      @Reference EmulatedClock clock,
      OpenTitanSpiHostConfiguration configuration,
      Map<String, Object> properties) {
    DeviceConfigurations.check(OpenTitanSpiHostConfiguration.class, properties);
    String name = DeviceProperties.name(properties);
    this.bus = configuration.spi_bus();
    OpenTitanSpiHost.CommandLayout layout =
        switch (configuration.commandLayout().trim().toLowerCase(java.util.Locale.ROOT)) {
          case "v2" -> OpenTitanSpiHost.CommandLayout.V2;
          case "v3" -> OpenTitanSpiHost.CommandLayout.V3;
          default ->
              throw new IllegalArgumentException(
                  name + ": commandLayout is v2 or v3, not " + configuration.commandLayout());
        };
    this.host =
        new OpenTitanSpiHost(
            name,
            configuration.chipSelects(),
            layout,
            configuration.coreClockHertz(),
            clock,
            chips::get,
            configuration.dmaChannel());
    this.device = new ClaimableMmioDevice(host, host::powerUpReset);
    LOG.info("{} on {}", host, bus);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindTarget(SpiTarget target, Map<String, Object> properties) {
    if (!bus.equals(String.valueOf(properties.get(SpiBinding.BUS)))) {
      return;
    }
    int cs =
        Converters.standardConverter()
            .convert(properties.getOrDefault(SpiBinding.CHIP_SELECT, 0))
            .to(int.class);
    targets.put(target, cs);
    chips.put(cs, target);
  }

  void unbindTarget(SpiTarget target, Map<String, Object> properties) {
    Integer cs = targets.remove(target);
    if (cs != null) {
      chips.remove(cs, target);
    }
  }

  @Override
  public ClaimableMmioDevice claimable() {
    return device;
  }
}
