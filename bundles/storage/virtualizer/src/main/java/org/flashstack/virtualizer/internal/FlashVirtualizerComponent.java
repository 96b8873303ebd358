package org.flashstack.virtualizer.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.DeviceQueueStatistics;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashVirtualizer;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.api.spi.SpiDevice;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The flash virtualizer as a DS component: feeds the {@link FlashBinder} the hardware and driver
 * services DS binds (dynamic, greedy, multiple) and registers each device's {@link Flash} in the
 * service registry, with the device's name, its serving driver and its size as properties.
 */
@Component(
    service = FlashVirtualizer.class,
    immediate = true,
    configurationPid = FlashVirtualizerComponent.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = VirtualizerConfiguration.class)
@Capability(
    namespace = "osgi.service",
    attribute = "objectClass:List<String>=org.flashstack.api.flash.Flash",
    uses = Flash.class)
public final class FlashVirtualizerComponent implements FlashVirtualizer {

  /** The configuration PID. */
  public static final String PID = "org.flashstack.virtualizer";

  private final FlashBinder binder;

  /** Starts the binder, publishing into the service registry. */
  @Activate
  public FlashVirtualizerComponent(BundleContext context, VirtualizerConfiguration configuration) {
    this.binder = new FlashBinder(registry(context), configuration.waitForDriverMillis());
  }

  private static FlashBinder.Publisher registry(BundleContext context) {
    return (flash, properties) -> {
      ServiceRegistration<Flash> registration =
          context.registerService(Flash.class, flash, dictionary(properties));
      return new FlashBinder.Publication() {
        @Override
        public void update(Map<String, Object> changed) {
          registration.setProperties(dictionary(changed));
        }

        @Override
        public void withdraw() {
          registration.unregister();
        }
      };
    };
  }

  private static Dictionary<String, Object> dictionary(Map<String, Object> properties) {
    return new Hashtable<>(properties);
  }

  @Modified
  void modified(VirtualizerConfiguration configuration) {
    binder.setWaitLimit(configuration.waitForDriverMillis());
  }

  @Deactivate
  void deactivate() {
    binder.close();
  }

  // ---- notifications (Event Admin, optional) ----

  private final Map<Object, Object> handlerTopics = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile EventAdminSink sink;

  @Reference(
      name = "eventAdmin",
      service = EventAdmin.class,
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  synchronized void bindEventAdmin(EventAdmin admin) {
    EventAdminSink next = new EventAdminSink(admin);
    handlerTopics.forEach(next::handler);
    sink = next;
    binder.setEvents(next);
  }

  synchronized void unbindEventAdmin(EventAdmin admin) {
    sink = null;
    binder.setEvents(null);
  }

  /** Event handlers are tracked (not used) to know whether anyone wants per-operation events. */
  @Reference(
      name = "eventHandler",
      service = EventHandler.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  synchronized void bindEventHandler(ServiceReference<EventHandler> handler) {
    Object topics = handler.getProperty(EventAdminSink.TOPICS);
    handlerTopics.put(handler, topics == null ? "" : topics);
    EventAdminSink current = sink;
    if (current != null) {
      current.handler(handler, topics);
    }
  }

  synchronized void updatedEventHandler(ServiceReference<EventHandler> handler) {
    bindEventHandler(handler);
  }

  synchronized void unbindEventHandler(ServiceReference<EventHandler> handler) {
    handlerTopics.remove(handler);
    EventAdminSink current = sink;
    if (current != null) {
      current.handlerGone(handler);
    }
  }

  /** Hardware with a binding that is not a bus controller: the devices drivers make flash of. */
  static final String FLASH_HARDWARE =
      "(&(" + DeviceProperties.COMPATIBLE + "=*)(!(" + DeviceProperties.CONTROLLER + "=true)))";

  @Reference(
      name = "hardware",
      service = MmioDevice.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY,
      target = FLASH_HARDWARE)
  void bindHardware(MmioDevice device, Map<String, Object> properties) {
    binder.bindHardware(device, properties);
  }

  void updatedHardware(MmioDevice device, Map<String, Object> properties) {
    binder.updatedHardware(device, properties);
  }

  void unbindHardware(MmioDevice device, Map<String, Object> properties) {
    binder.unbindHardware(device, properties);
  }

  @Reference(
      name = "spiHardware",
      service = SpiDevice.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY,
      target = FLASH_HARDWARE)
  void bindSpiHardware(SpiDevice device, Map<String, Object> properties) {
    binder.bindHardware(device, properties);
  }

  void updatedSpiHardware(SpiDevice device, Map<String, Object> properties) {
    binder.updatedHardware(device, properties);
  }

  void unbindSpiHardware(SpiDevice device, Map<String, Object> properties) {
    binder.unbindHardware(device, properties);
  }

  @Reference(
      name = "driver",
      service = FlashDriver.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindDriver(FlashDriver driver, Map<String, Object> properties) {
    binder.bindDriver(driver, properties);
  }

  void updatedDriver(FlashDriver driver, Map<String, Object> properties) {
    binder.updatedDriver(driver, properties);
  }

  void unbindDriver(FlashDriver driver, Map<String, Object> properties) {
    binder.unbindDriver(driver, properties);
  }

  @Override
  public List<DeviceQueueStatistics> queues() {
    return binder.queues();
  }

  @Override
  public <T> T withDriverDetached(String device, Callable<T> work) throws Exception {
    return binder.withDriverDetached(device, work);
  }
}
