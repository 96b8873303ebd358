package org.flashstack.virtualizer.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.flashstack.api.flash.FlashEvents;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashVirtualizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flash virtualizer's logic, without OSGi. It tracks every flash hardware service (MMIO devices
 * with a {@code device.compatible}) and every {@link FlashDriver}, chooses one driver per device
 * ({@link Candidates}), attaches it, and registers one {@link Flash} per device that stays while
 * drivers come and go. When the choice changes (a driver arrives or leaves, a ranking or preference
 * or the hardware's binding changes), it detaches the old driver after the operation in flight and
 * attaches the new one, per device, off the callers' threads; operations queued meanwhile resume on
 * the new driver.
 */
public final class FlashBinder implements FlashVirtualizer {

  private static final Logger LOG = LoggerFactory.getLogger(FlashBinder.class);

  /** Where the binder publishes each device's Flash: the service registry, or a plain map. */
  public interface Publisher {
    /**
     * Publishes {@code flash} with {@code properties}; returns the handle to update or withdraw.
     */
    Publication publish(Flash flash, Map<String, Object> properties);
  }

  /** One published Flash. */
  public interface Publication {
    /** Replaces the published properties. */
    void update(Map<String, Object> properties);

    /** Withdraws the Flash. */
    void withdraw();
  }

  /** Everything the virtualizer knows of one device name. */
  private static final class Slot {
    final ReentrantLock rebind = new ReentrantLock();
    final DeviceQueue queue;
    final VirtualFlash flash;

    /** Every path to the device, the first bound first (most devices have one). */
    final List<Hardware> paths = new java.util.concurrent.CopyOnWriteArrayList<>();

    Candidates.Driver current;
    Hardware currentPath;
    Publication publication;
    Map<String, Object> published;
    int lent;

    Slot(DeviceQueue queue) {
      this.queue = queue;
      this.flash = new VirtualFlash(queue);
    }
  }

  private final Publisher publisher;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  private final Map<FlashDriver, Candidates.Driver> drivers = new ConcurrentHashMap<>();
  private final Map<Object, Hardware> hardware = new ConcurrentHashMap<>();
  private volatile long waitLimitMillis;
  private volatile boolean active = true;
  private volatile EventSink events = EventSink.NONE;

  /**
   * Starts the executor asynchronous operations run on and the scheduler of wait limits.
   *
   * @param publisher where each device's Flash goes
   * @param waitLimitMillis how long operations wait for a driver while none serves their device
   */
  public FlashBinder(Publisher publisher, long waitLimitMillis) {
    this.publisher = publisher;
    this.waitLimitMillis = waitLimitMillis;
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

  /** Sets where notifications go (Event Admin arriving or leaving). */
  public void setEvents(EventSink events) {
    this.events = events == null ? EventSink.NONE : events;
  }

  /** Sets the wait limit, for every device. */
  public void setWaitLimit(long waitLimitMillis) {
    this.waitLimitMillis = waitLimitMillis;
    for (Slot slot : slots.values()) {
      slot.queue.setWaitLimit(waitLimitMillis);
    }
  }

  /** Withdraws every Flash, detaches every driver, fails what waits, stops the threads. */
  public void close() {
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

  /** A hardware service arrived. */
  public void bindHardware(Object device, Map<String, Object> properties) {
    Hardware entry = new Hardware(DeviceProperties.name(properties), properties, device);
    hardware.put(device, entry);
    Slot slot = slots.computeIfAbsent(entry.name(), this::newSlot);
    slot.rebind.lock();
    try {
      int index = indexOf(slot, device);
      if (index >= 0) {
        slot.paths.set(index, entry);
      } else if (slot.paths.isEmpty()
          || isPath(entry)
          || slot.paths.stream().allMatch(FlashBinder::isPath)) {
        slot.paths.add(entry);
        if (slot.paths.size() > 1) {
          LOG.info("{}: another path to the device: {}", entry.name(), describe(entry));
        }
      } else {
        LOG.error(
            "{}: a second device of that name appeared; it is ignored until the first leaves"
                + " (hardware that is another path to the same device says so with {})",
            entry.name(),
            DeviceProperties.PATH);
        return;
      }
    } finally {
      slot.rebind.unlock();
    }
    reconcile(slot);
  }

  private static boolean isPath(Hardware entry) {
    Object path = entry.properties().get(DeviceProperties.PATH);
    return path != null && !path.toString().isBlank();
  }

  private static String describe(Hardware entry) {
    Object path = entry.properties().get(DeviceProperties.PATH);
    return (path == null ? "" : "path " + path + ", ")
        + entry.properties().get(DeviceProperties.COMPATIBLE);
  }

  private static int indexOf(Slot slot, Object device) {
    for (int i = 0; i < slot.paths.size(); i++) {
      if (slot.paths.get(i).service() == device) {
        return i;
      }
    }
    return -1;
  }

  /** A hardware service's properties changed. */
  public void updatedHardware(Object device, Map<String, Object> properties) {
    Hardware entry = new Hardware(DeviceProperties.name(properties), properties, device);
    hardware.put(device, entry);
    Slot slot = slots.get(entry.name());
    if (slot == null) {
      return;
    }
    slot.rebind.lock();
    try {
      int index = indexOf(slot, device);
      if (index < 0) {
        return;
      }
      slot.paths.set(index, entry);
    } finally {
      slot.rebind.unlock();
    }
    reconcile(slot);
  }

  /** A hardware service left. */
  public void unbindHardware(Object device, Map<String, Object> properties) {
    Hardware entry = hardware.remove(device);
    if (entry == null) {
      return;
    }
    Slot slot = slots.get(entry.name());
    if (slot == null) {
      return;
    }
    slot.rebind.lock();
    try {
      int index = indexOf(slot, device);
      if (index < 0) {
        return;
      }
      slot.paths.remove(index);
    } finally {
      slot.rebind.unlock();
    }
    reconcile(slot);
    hardware.entrySet().stream()
        .filter(other -> other.getValue().name().equals(entry.name()))
        .filter(other -> indexOf(slot, other.getKey()) < 0)
        .findFirst()
        .ifPresent(other -> bindHardware(other.getKey(), other.getValue().properties()));
  }

  private Slot newSlot(String name) {
    return new Slot(new DeviceQueue(name, executor, scheduler, waitLimitMillis, () -> events));
  }

  // ---- drivers ----

  /** A driver arrived. */
  public void bindDriver(FlashDriver driver, Map<String, Object> properties) {
    drivers.put(driver, Candidates.Driver.of(driver, properties));
    reconcileAll();
  }

  /** A driver's properties (ranking, preferences) changed. */
  public void updatedDriver(FlashDriver driver, Map<String, Object> properties) {
    drivers.put(driver, Candidates.Driver.of(driver, properties));
    reconcileAll();
  }

  /** A driver left: its devices move to the next candidate after their operation in flight. */
  public void unbindDriver(FlashDriver driver, Map<String, Object> properties) {
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
      List<Choice> choices =
          slot.paths.isEmpty() || slot.lent > 0 || !active ? List.of() : choices(slot);
      Candidates.Driver current = slot.current;
      if (current != null
          && !choices.isEmpty()
          && choices.get(0).driver().driver() == current.driver()
          && choices.get(0).path().service() == slot.currentPath.service()) {
        // Still the best: a new ranking or preference of the serving driver swaps nothing.
        slot.current = choices.get(0).driver();
        slot.currentPath = choices.get(0).path();
        updateRegistration(slot);
        return;
      }
      if (current != null) {
        close(slot, slot.queue.detach());
        slot.current = null;
        slot.currentPath = null;
        LOG.info("{}: driver {} detached", slot.queue.name(), current.name());
      }
      List<String> problems = new ArrayList<>();
      for (Choice choice : choices) {
        FlashDevice attached = attach(choice.driver(), choice.path(), problems);
        if (attached != null) {
          slot.queue.attach(attached, choice.driver().name());
          slot.current = choice.driver();
          slot.currentPath = choice.path();
          LOG.info(
              "{}: driven by {} (ranking {}){}",
              slot.queue.name(),
              choice.driver().name(),
              choice.driver().ranking(),
              slot.paths.size() > 1 ? " through " + describe(choice.path()) : "");
          break;
        }
      }
      if (slot.current == null) {
        slot.queue.attachProblem(problems.isEmpty() ? null : String.join("; ", problems));
      }
      announce(slot.queue.name(), current, slot.current);
      updateRegistration(slot);
    } finally {
      slot.rebind.unlock();
    }
  }

  /** A driver for a device through one of its paths. */
  private record Choice(Hardware path, Candidates.Driver driver, int order) {}

  /**
   * Every (path, driver) pair that may serve the device, best first: a driver preferred for the
   * device, then the better ranking, then the older service, then the path bound first.
   */
  private List<Choice> choices(Slot slot) {
    List<Choice> choices = new ArrayList<>();
    for (int order = 0; order < slot.paths.size(); order++) {
      Hardware path = slot.paths.get(order);
      for (Candidates.Driver driver : Candidates.choose(path, drivers.values())) {
        choices.add(new Choice(path, driver, order));
      }
    }
    choices.sort(
        Comparator.comparing(Choice::driver, Candidates.preference(slot.queue.name()))
            .thenComparingInt(Choice::order));
    return choices;
  }

  /** The device the candidate makes of the hardware, or null with the reason added to problems. */
  /** Posts what a reconciliation changed: bound, unbound, or a driver changed. */
  private void announce(String device, Candidates.Driver before, Candidates.Driver after) {
    if (before == null && after == null
        || before != null && after != null && before.driver() == after.driver()) {
      return;
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put(FlashEvents.DEVICE, device);
    String topic;
    if (before == null) {
      topic = FlashEvents.DEVICE_BOUND;
      properties.put(FlashEvents.DRIVER, after.name());
    } else if (after == null) {
      topic = FlashEvents.DEVICE_UNBOUND;
      properties.put(FlashEvents.PREVIOUS_DRIVER, before.name());
    } else {
      topic = FlashEvents.DRIVER_CHANGED;
      properties.put(FlashEvents.PREVIOUS_DRIVER, before.name());
      properties.put(FlashEvents.DRIVER, after.name());
    }
    events.post(topic, properties);
  }

  private FlashDevice attach(Candidates.Driver candidate, Hardware device, List<String> problems) {
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
        problems.add(candidate.name() + " returned no usable device");
        return null;
      }
      return attached;
    } catch (FlashException e) {
      LOG.warn("{}: driver {} did not attach: {}", device.name(), candidate.name(), e.getMessage());
      problems.add(candidate.name() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{}: driver {} failed to attach", device.name(), candidate.name(), e);
      problems.add(candidate.name() + " failed: " + e);
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
    if (slot.paths.isEmpty() || !active) {
      unregister(slot);
      return;
    }
    if (slot.queue.geometry() == null) {
      return;
    }
    Map<String, Object> properties =
        Map.of(
            DeviceProperties.NAME,
            slot.queue.name(),
            DeviceProperties.DRIVER_NAME,
            slot.current == null ? "none" : slot.current.name(),
            DeviceProperties.FLASH_SIZE,
            slot.queue.geometry().size());
    if (slot.publication == null) {
      slot.publication = publisher.publish(slot.flash, properties);
    } else if (!properties.equals(slot.published)) {
      slot.publication.update(properties);
    }
    slot.published = properties;
  }

  private static void unregister(Slot slot) {
    if (slot.publication != null) {
      try {
        slot.publication.withdraw();
      } catch (IllegalStateException alreadyGone) {
        LOG.debug("{}: Flash already withdrawn", slot.queue.name());
      }
      slot.publication = null;
      slot.published = null;
    }
  }

  /**
   * @return the Flash of {@code device} if it is published (a driver has served the device and it
   *     is still there)
   */
  public java.util.Optional<Flash> flash(String device) {
    Slot slot = slots.get(device);
    return slot == null || slot.publication == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(slot.flash);
  }

  // ---- management ----

  @Override
  public List<DeviceQueueStatistics> queues() {
    Map<String, DeviceQueueStatistics> sorted = new HashMap<>();
    for (Slot slot : slots.values()) {
      DeviceQueueStatistics statistics = slot.queue.statistics();
      if (!slot.paths.isEmpty() || statistics.queued() > 0) {
        sorted.put(slot.queue.name(), statistics);
      }
    }
    return sorted.values().stream()
        .sorted(Comparator.comparing(DeviceQueueStatistics::device))
        .toList();
  }

  @Override
  public <T> T withDriverDetached(String device, Callable<T> work) throws Exception {
    Slot slot = slots.get(device);
    if (slot == null || slot.paths.isEmpty()) {
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
