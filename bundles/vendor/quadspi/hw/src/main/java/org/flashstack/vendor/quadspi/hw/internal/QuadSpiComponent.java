package org.flashstack.vendor.quadspi.hw.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.device.DevicePower;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.api.mmio.ForwardingMmioDevice;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.api.spi.SpiBinding;
import org.flashstack.api.spi.SpiTarget;
import org.flashstack.vendor.quadspi.hw.QuadSpiController;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One quadspi controller per factory configuration: an {@link MmioDevice} (claims, power) with
 * {@code device.compatible=}{@value #COMPATIBLE}, driving the {@link SpiTarget}s of its bus by chip
 * select.
 */
@Component(
    service = {MmioDevice.class, DevicePower.class},
    configurationPid = QuadSpiComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = DeviceProperties.COMPATIBLE + "=" + QuadSpiComponent.COMPATIBLE)
@Designate(ocd = QuadSpiConfiguration.class, factory = true)
public final class QuadSpiComponent implements ForwardingMmioDevice {

  /** The factory PID. */
  public static final String FACTORY_PID = "org.flashstack.vendor.quadspi.hw";

  /** The binding its drivers match. */
  public static final String COMPATIBLE = "flashstack,quadspi-flash";

  private final String bus;
  private final Map<Integer, SpiTarget> chips = new ConcurrentHashMap<>();
  private final Map<SpiTarget, Integer> selects = new ConcurrentHashMap<>();
  private final QuadSpiController controller;
  private final ClaimableMmioDevice device;

  @Activate
  public QuadSpiComponent(QuadSpiConfiguration configuration) {
    if (configuration.device_name() == null || configuration.device_name().isBlank()) {
      throw new IllegalArgumentException("a quadspi controller needs device.name");
    }
    if (configuration.spi_bus() == null || configuration.spi_bus().isBlank()) {
      throw new IllegalArgumentException(configuration.device_name() + ": give spi.bus");
    }
    this.bus = configuration.spi_bus();
    this.controller = new QuadSpiController(configuration.device_name(), chips::get);
    this.device = new ClaimableMmioDevice(controller, controller::reset);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindTarget(SpiTarget target, Map<String, Object> properties) {
    if (!bus.equals(String.valueOf(properties.get(SpiBinding.BUS)))) {
      return;
    }
    int cs = Integer.parseInt(String.valueOf(properties.getOrDefault(SpiBinding.CHIP_SELECT, 0)));
    selects.put(target, cs);
    chips.put(cs, target);
  }

  void unbindTarget(SpiTarget target, Map<String, Object> properties) {
    Integer cs = selects.remove(target);
    if (cs != null) {
      chips.remove(cs, target);
    }
  }

  @Override
  public ClaimableMmioDevice claimable() {
    return device;
  }
}
