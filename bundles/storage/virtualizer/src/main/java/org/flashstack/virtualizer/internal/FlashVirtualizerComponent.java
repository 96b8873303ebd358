package org.flashstack.virtualizer.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.DeviceQueueStatistics;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashVirtualizer;
import org.flashstack.api.mmio.MmioDevice;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flash virtualizer. It tracks every flash hardware service (MMIO devices with a {@code
 * device.compatible}) and every {@link FlashDriver}, chooses one driver per device ({@link
 * Candidates}), attaches it, and registers one {@link Flash} per device that stays while drivers
 * come and go. When the choice changes (a driver arrives or leaves, a ranking or preference or the
 * hardware's binding changes), it detaches the old driver after the operation in flight and
 * attaches the new one, per device, off the callers' threads; operations queued meanwhile resume on
 * the new driver.
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

  private static final Logger LOG = LoggerFactory.getLogger(FlashVirtualizerComponent.class);

  /** Everything the virtualizer knows of one device name. */
  private static final class Slot {
    final ReentrantLock rebind = new ReentrantLock();
    final DeviceQueue queue;
    final VirtualFlash flash;
    volatile Hardware hardware;
    Candidates.Driver current;
    ServiceRegistration<Flash> registration;
    int lent;

    Slot(DeviceQueue queue) {
      this.queue = queue;
      this.flash = new VirtualFlash(queue);
    }
  }

  private final BundleContext context;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  private final Map<FlashDriver, Candidates.Driver> drivers = new ConcurrentHashMap<>();
  private final Map<MmioDevice, Hardware> hardware = new ConcurrentHashMap<>();
  private volatile long waitLimitMillis;
  private volatile boolean active = true;

  /** Starts the executor asynchronous operations run on and the scheduler of wait limits. */
  @Activate
  public FlashVirtualizerComponent(BundleContext context, VirtualizerConfiguration configuration) {
    this.context = context;
    this.waitLimitMillis = configuration.waitForDriverMillis();
    this.executor = Executors.newCachedThreadPool(threads("flash-virtualizer"));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("flash-virtualizer-timer"));
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Modified
  void modified(VirtualizerConfiguration configuration) {
    waitLimitMillis = configuration.waitForDriverMillis();
    for (Slot slot : slots.values()) {
      slot.queue.setWaitLimit(waitLimitMillis);
    }
  }

  @Deactivate
  void deactivate() {
    active = false;
    for (Slot slot : slots.values()) {
      slot.rebind.lock();
      try {
        unregister(slot);
        close(slot, slot.queue.detach());
        slot.current = null;
        slot.queue.failAll("the flash virtualizer stopped");
      } finally {
        slot.rebind.unlock();
      }
    }
    executor.shutdown();
    scheduler.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- hardware ----

  @Reference(
      name = "hardware",
      service = MmioDevice.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY,
      target = "(" + DeviceProperties.COMPATIBLE + "=*)")
  void bindHardware(MmioDevice device, Map<String, Object> properties) {
    Hardware entry = new Hardware(DeviceProperties.name(properties), properties, device);
    hardware.put(device, entry);
    Slot slot = slots.computeIfAbsent(entry.name(), this::newSlot);
    if (slot.hardware != null && slot.hardware.service() != device) {
      LOG.error(
          "{}: a second device of that name appeared; it is ignored until the first leaves",
          entry.name());
      return;
    }
    slot.hardware = entry;
    reconcile(slot);
  }

  void updatedHardware(MmioDevice device, Map<String, Object> properties) {
    Hardware entry = new Hardware(DeviceProperties.name(properties), properties, device);
    hardware.put(device, entry);
    Slot slot = slots.get(entry.name());
    if (slot != null && slot.hardware != null && slot.hardware.service() == device) {
      slot.hardware = entry;
      reconcile(slot);
    }
  }

  void unbindHardware(MmioDevice device, Map<String, Object> properties) {
    Hardware entry = hardware.remove(device);
    if (entry == null) {
      return;
    }
    Slot slot = slots.get(entry.name());
    if (slot != null && slot.hardware != null && slot.hardware.service() == device) {
      slot.hardware = null;
      reconcile(slot);
      hardware.entrySet().stream()
          .filter(other -> other.getValue().name().equals(entry.name()))
          .findFirst()
          .ifPresent(other -> bindHardware(other.getKey(), other.getValue().properties()));
    }
  }

  private Slot newSlot(String name) {
    return new Slot(new DeviceQueue(name, executor, scheduler, waitLimitMillis));
  }

  // ---- drivers ----

  @Reference(
      name = "driver",
      service = FlashDriver.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindDriver(FlashDriver driver, Map<String, Object> properties) {
    drivers.put(driver, Candidates.Driver.of(driver, properties));
    reconcileAll();
  }

  void updatedDriver(FlashDriver driver, Map<String, Object> properties) {
    drivers.put(driver, Candidates.Driver.of(driver, properties));
    reconcileAll();
  }

  void unbindDriver(FlashDriver driver, Map<String, Object> properties) {
    drivers.remove(driver);
    reconcileAll();
  }

  private void reconcileAll() {
    List<Slot> all = new ArrayList<>(slots.values());
    all.sort(Comparator.comparing(slot -> slot.queue.name()));
    for (Slot slot : all) {
      reconcile(slot);
    }
  }

  /**
   * Brings one device to the driver it should have: keeps the current one if it is still the best
   * candidate; otherwise detaches it (after the operation in flight) and attaches the best
   * candidate that accepts the device.
   */
  private void reconcile(Slot slot) {
    slot.rebind.lock();
    try {
      Hardware device = slot.hardware;
      List<Candidates.Driver> candidates =
          device == null || slot.lent > 0 || !active
              ? List.of()
              : Candidates.choose(device, drivers.values());
      Candidates.Driver current = slot.current;
      if (current != null && !candidates.isEmpty() && candidates.get(0).equals(current)) {
        updateRegistration(slot);
        return;
      }
      if (current != null) {
        close(slot, slot.queue.detach());
        slot.current = null;
        LOG.info("{}: driver {} detached", slot.queue.name(), current.name());
      }
      for (Candidates.Driver candidate : candidates) {
        FlashDevice attached = attach(candidate, device);
        if (attached != null) {
          slot.queue.attach(attached, candidate.name());
          slot.current = candidate;
          LOG.info(
              "{}: driven by {} (ranking {})",
              slot.queue.name(),
              candidate.name(),
              candidate.ranking());
          break;
        }
      }
      updateRegistration(slot);
    } finally {
      slot.rebind.unlock();
    }
  }

  private FlashDevice attach(Candidates.Driver candidate, Hardware device) {
    try {
      FlashDevice attached = candidate.driver().attach(device);
      if (attached == null || !device.name().equals(attached.name())) {
        LOG.error(
            "{}: driver {} returned {} from attach; not used",
            device.name(),
            candidate.name(),
            attached == null ? "nothing" : "device " + attached.name());
        if (attached != null) {
          attached.close();
        }
        return null;
      }
      return attached;
    } catch (FlashException e) {
      LOG.warn("{}: driver {} did not attach: {}", device.name(), candidate.name(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{}: driver {} failed to attach", device.name(), candidate.name(), e);
    }
    return null;
  }

  private static void close(Slot slot, FlashDevice departing) {
    if (departing != null) {
      try {
        departing.close();
      } catch (RuntimeException e) {
        LOG.error("{}: closing the departing driver failed", slot.queue.name(), e);
      }
    }
  }

  /** Registers the device's Flash once a driver has served it; withdraws it when it is gone. */
  private void updateRegistration(Slot slot) {
    if (slot.hardware == null || !active) {
      unregister(slot);
      return;
    }
    if (slot.queue.geometry() == null) {
      return;
    }
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(DeviceProperties.NAME, slot.queue.name());
    properties.put(
        DeviceProperties.DRIVER_NAME, slot.current == null ? "none" : slot.current.name());
    properties.put(DeviceProperties.FLASH_SIZE, slot.queue.geometry().size());
    if (slot.registration == null) {
      slot.registration = context.registerService(Flash.class, slot.flash, properties);
    } else if (!Objects.equals(
        slot.registration.getReference().getProperty(DeviceProperties.DRIVER_NAME),
        properties.get(DeviceProperties.DRIVER_NAME))) {
      slot.registration.setProperties(properties);
    }
  }

  private static void unregister(Slot slot) {
    if (slot.registration != null) {
      try {
        slot.registration.unregister();
      } catch (IllegalStateException alreadyGone) {
        LOG.debug("{}: Flash service already unregistered", slot.queue.name());
      }
      slot.registration = null;
    }
  }

  // ---- management ----

  @Override
  public List<DeviceQueueStatistics> queues() {
    Map<String, DeviceQueueStatistics> sorted = new HashMap<>();
    for (Slot slot : slots.values()) {
      sorted.put(slot.queue.name(), slot.queue.statistics());
    }
    return sorted.values().stream()
        .sorted(Comparator.comparing(DeviceQueueStatistics::device))
        .toList();
  }

  @Override
  public <T> T withDriverDetached(String device, Callable<T> work) throws Exception {
    Slot slot = slots.get(device);
    if (slot == null || slot.hardware == null) {
      throw new FlashException(
          FlashError.UNAVAILABLE, device, "detach", -1, "no such device: " + slots.keySet());
    }
    slot.rebind.lock();
    try {
      slot.lent++;
    } finally {
      slot.rebind.unlock();
    }
    try {
      reconcile(slot);
      return work.call();
    } finally {
      slot.rebind.lock();
      try {
        slot.lent--;
      } finally {
        slot.rebind.unlock();
      }
      reconcile(slot);
    }
  }
}
