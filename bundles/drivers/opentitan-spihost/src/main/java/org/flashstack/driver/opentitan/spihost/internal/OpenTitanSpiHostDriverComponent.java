package org.flashstack.driver.opentitan.spihost.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.DeviceClaimException;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.mmio.MmioClaim;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.api.spi.SpiBinding;
import org.flashstack.api.spi.SpiException;
import org.flashstack.api.spi.SpiMaster;
import org.flashstack.driver.opentitan.spihost.OpenTitanSpiHostDriver;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.util.converter.Converters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives every OpenTitan SPI_HOST (binding {@value #COMPATIBLE}): claims its registers, initializes
 * it and registers an {@link SpiMaster} for its bus ({@code spi.bus} of the hardware); when the
 * hardware leaves, the master is unregistered and the claim released.
 */
@Component(
    immediate = true,
    service = {})
@Capability(
    namespace = "osgi.service",
    attribute = "objectClass:List<String>=org.flashstack.api.spi.SpiMaster",
    uses = SpiMaster.class)
public final class OpenTitanSpiHostDriverComponent {

  /** The hardware binding this driver drives. */
  public static final String COMPATIBLE = "lowrisc,opentitan-spi-host";

  private static final Logger LOG = LoggerFactory.getLogger(OpenTitanSpiHostDriverComponent.class);
  private static final long CLAIM_TIMEOUT_MILLIS = 2000;

  private record Served(MmioClaim claim, ServiceRegistration<SpiMaster> registration) {}

  private final BundleContext context;
  private final EmulatedClock clock;
  private final Map<MmioDevice, Served> served = new ConcurrentHashMap<>();
  private volatile boolean active = true;

  /** Takes the bundle context masters are registered in and the clock polling waits on. */
  @Activate
  public OpenTitanSpiHostDriverComponent(BundleContext context, @Reference EmulatedClock clock) {
    this.context = context;
    this.clock = clock;
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY,
      target = "(" + DeviceProperties.COMPATIBLE + "=" + COMPATIBLE + ")")
  synchronized void bindHost(MmioDevice device, Map<String, Object> properties) {
    if (!active) {
      return;
    }
    String bus = String.valueOf(properties.getOrDefault(SpiBinding.BUS, "spi0"));
    int chipSelects =
        Converters.standardConverter()
            .convert(properties.getOrDefault("chipSelects", 1))
            .to(int.class);
    long core =
        Converters.standardConverter()
            .convert(properties.getOrDefault("coreClockHertz", 100_000_000L))
            .to(long.class);
    boolean v2 = "v2".equalsIgnoreCase(String.valueOf(properties.get("commandLayout")));
    MmioClaim claim;
    try {
      claim = device.claim("opentitan-spihost driver", CLAIM_TIMEOUT_MILLIS);
    } catch (DeviceClaimException e) {
      LOG.error("{}: cannot drive the SPI host: {}", device.name(), e.getMessage());
      return;
    }
    OpenTitanSpiHostDriver driver =
        new OpenTitanSpiHostDriver(bus, claim, clock, chipSelects, core, v2);
    try {
      driver.initialize();
    } catch (SpiException | RuntimeException e) {
      LOG.error("{}: the SPI host did not initialize: {}", device.name(), e.getMessage());
      claim.close();
      return;
    }
    Dictionary<String, Object> registration = new Hashtable<>();
    registration.put(SpiBinding.BUS, bus);
    registration.put(DeviceProperties.NAME, device.name());
    registration.put("chipSelects", chipSelects);
    served.put(
        device, new Served(claim, context.registerService(SpiMaster.class, driver, registration)));
    LOG.info("{}: SPI master of {} ({} chip selects)", device.name(), bus, chipSelects);
  }

  synchronized void unbindHost(MmioDevice device, Map<String, Object> properties) {
    Served gone = served.remove(device);
    if (gone != null) {
      release(gone);
      LOG.info("{}: SPI master withdrawn", device.name());
    }
  }

  private static void release(Served gone) {
    try {
      gone.registration().unregister();
    } catch (IllegalStateException alreadyGone) {
      // the framework unregistered it as the bundle stopped
    }
    gone.claim().close();
  }

  @Deactivate
  synchronized void deactivate() {
    active = false;
    served.values().forEach(OpenTitanSpiHostDriverComponent::release);
    served.clear();
  }
}
