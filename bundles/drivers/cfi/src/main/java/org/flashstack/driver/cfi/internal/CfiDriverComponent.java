package org.flashstack.driver.cfi.internal;

import java.nio.ByteOrder;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.cfi.CfiFlash;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.mmio.MmioDevice;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CFI driver: binds every MMIO device that follows the {@code cfi-flash} binding, probes it
 * through its registers and registers a {@link CfiFlash} (also a {@link Flash}) named after it. A
 * device that leaves takes its Flash service with it; a device that does not answer the probe is
 * logged with the reason and left alone.
 */
@Component(
    configurationPid = CfiDriverComponent.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CfiDriverConfiguration.class)
public final class CfiDriverComponent {

  /** The configuration PID of the driver. */
  public static final String PID = "org.flashstack.driver.cfi";

  /** The {@value Flash#DRIVER} property value of this driver's services. */
  public static final String DRIVER_NAME = "cfi";

  private static final Logger LOG = LoggerFactory.getLogger(CfiDriverComponent.class);

  private final BundleContext context;
  private final CfiDriverConfiguration configuration;
  private final Map<MmioDevice, ServiceRegistration<?>> registrations = new ConcurrentHashMap<>();
  private volatile boolean active = true;

  /** Takes the bundle context to register Flash services and the driver's settings. */
  @Activate
  public CfiDriverComponent(BundleContext context, CfiDriverConfiguration configuration) {
    this.context = context;
    this.configuration = configuration;
  }

  /** Probes an arriving CFI device and registers its Flash service. */
  @Reference(
      name = "device",
      service = MmioDevice.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY,
      target = "(mmio.compatible=cfi-flash)")
  void bindDevice(MmioDevice device, Map<String, Object> properties) {
    if (!active) {
      return;
    }
    int bankWidth = bankWidth(properties.get(MmioDevice.BANK_WIDTH));
    ByteOrder order =
        "true".equalsIgnoreCase(String.valueOf(properties.get(MmioDevice.BIG_ENDIAN)))
            ? ByteOrder.BIG_ENDIAN
            : ByteOrder.LITTLE_ENDIAN;
    try {
      IntelCommandSetFlash flash =
          new IntelCommandSetFlash(
              device, CfiProbe.probe(device, bankWidth, order), configuration.unlockBeforeErase());
      Dictionary<String, Object> serviceProperties = new Hashtable<>();
      serviceProperties.put(Flash.NAME, flash.name());
      serviceProperties.put(Flash.DRIVER, DRIVER_NAME);
      serviceProperties.put(Constants.SERVICE_RANKING, configuration.serviceRanking());
      serviceProperties.put("flash.size", flash.geometry().size());
      ServiceRegistration<?> registration =
          context.registerService(
              new String[] {Flash.class.getName(), CfiFlash.class.getName()},
              flash,
              serviceProperties);
      ServiceRegistration<?> previous = registrations.put(device, registration);
      if (previous != null) {
        previous.unregister();
      }
      LOG.info(
          "{}: {} ({} bytes), manufacturer 0x{} device 0x{}",
          flash.name(),
          flash.identity().interfaceDescription(),
          flash.geometry().size(),
          Integer.toHexString(flash.identity().manufacturerId()),
          Integer.toHexString(flash.identity().deviceId()));
    } catch (FlashException e) {
      LOG.error("{}: not driven by the CFI driver: {}", device.name(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{}: probing failed", device.name(), e);
    }
  }

  /**
   * The announced bank width: a number, or a string where the configuration came from a {@code
   * .cfg} file; 0 (probe every width) if absent or unreadable.
   */
  static int bankWidth(Object property) {
    if (property instanceof Number number) {
      return number.intValue();
    }
    try {
      return property == null ? 0 : Integer.parseInt(property.toString().trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Withdraws the Flash service of a departing device. */
  void unbindDevice(MmioDevice device) {
    ServiceRegistration<?> registration = registrations.remove(device);
    if (registration != null) {
      unregister(registration);
      LOG.info("{}: device gone, Flash service withdrawn", device.name());
    }
  }

  @Deactivate
  void deactivate() {
    active = false;
    for (ServiceRegistration<?> registration : List.copyOf(registrations.values())) {
      unregister(registration);
    }
    registrations.clear();
  }

  private static void unregister(ServiceRegistration<?> registration) {
    try {
      registration.unregister();
    } catch (IllegalStateException alreadyGone) {
      LOG.debug("Flash service already unregistered");
    }
  }
}
