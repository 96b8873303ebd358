package org.flashstack.faults.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flashstack.api.device.DevicePower;
import org.flashstack.api.fault.DeviceFaults;
import org.flashstack.api.fault.FaultEvent;
import org.flashstack.api.fault.FaultKind;
import org.flashstack.api.fault.FaultListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board's supply. A power cut a fault plan injects in one device's cells is a power cut of the
 * board: every device with a {@link DevicePower} (chips, banks, SPI hosts, controllers) is cut and
 * then restored, so each loses its volatile state and every driver in the middle of something hears
 * {@code POWER_LOST}, as on a real board. The cycle runs on the component's own thread just after
 * the cut (never inside the device's operation, which holds the device). Every injected fault is
 * also posted to Event Admin under {@link FaultEvent#topic}.
 */
@Component(immediate = true)
public final class BoardPowerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(BoardPowerComponent.class);

  private final Map<DevicePower, Boolean> supplies = new ConcurrentHashMap<>();
  private final Map<DeviceFaults, FaultListener> listening = new ConcurrentHashMap<>();
  private final ExecutorService cycler;
  private final AtomicLong cycles = new AtomicLong();
  private volatile EventAdmin events;

  @Activate
  public BoardPowerComponent() {
    cycler =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "flashstack-board-power");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    for (Map.Entry<DeviceFaults, FaultListener> e : listening.entrySet()) {
      e.getKey().removeListener(e.getValue());
    }
    listening.clear();
    cycler.shutdown();
    cycler.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindDevicePower(DevicePower power) {
    supplies.put(power, Boolean.TRUE);
  }

  void unbindDevicePower(DevicePower power) {
    supplies.remove(power);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindDeviceFaults(DeviceFaults faults) {
    FaultListener listener = this::injected;
    listening.put(faults, listener);
    faults.addListener(listener);
  }

  void unbindDeviceFaults(DeviceFaults faults) {
    FaultListener listener = listening.remove(faults);
    if (listener != null) {
      faults.removeListener(listener);
    }
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindEventAdmin(EventAdmin admin) {
    events = admin;
  }

  void unbindEventAdmin(EventAdmin admin) {
    if (events == admin) {
      events = null;
    }
  }

  /** A fault was injected (on the device's thread, inside its operation). */
  void injected(FaultEvent event) {
    EventAdmin admin = events;
    if (admin != null) {
      admin.postEvent(new Event(FaultEvent.topic(event.kind()), event.properties()));
    }
    if (event.kind() == FaultKind.POWER_CUT) {
      try {
        cycler.execute(() -> cycle(event));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.warn("{}: power cut while the board's supply stops; not cycled", event.device());
      }
    }
  }

  /** Cuts every supply, then restores every supply. */
  void cycle(FaultEvent cause) {
    List<DevicePower> all = List.copyOf(supplies.keySet());
    for (DevicePower power : all) {
      try {
        power.cut();
      } catch (RuntimeException e) {
        LOG.warn("{}: cutting its supply failed: {}", power.name(), e.toString());
      }
    }
    for (DevicePower power : all) {
      try {
        power.restore();
      } catch (RuntimeException e) {
        LOG.warn("{}: restoring its supply failed: {}", power.name(), e.toString());
      }
    }
    cycles.incrementAndGet();
    LOG.warn(
        "board power cut ({}, operation {}): {} supplies cut and restored",
        cause.device(),
        cause.operation(),
        all.size());
  }

  /**
   * @return how many times the board's supply was cycled
   */
  long cycles() {
    return cycles.get();
  }
}
