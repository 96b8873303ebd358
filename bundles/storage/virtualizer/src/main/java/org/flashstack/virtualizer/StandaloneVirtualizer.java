package org.flashstack.virtualizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.DeviceQueueStatistics;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashVirtualizer;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.virtualizer.internal.FlashBinder;
import org.osgi.framework.Constants;

/**
 * The flash virtualizer without OSGi, for tools, tests and benchmarks: add drivers and hardware by
 * hand and get each device's {@link Flash}, with the same queues, driver choice and swaps as in the
 * product.
 */
public final class StandaloneVirtualizer implements FlashVirtualizer, AutoCloseable {

  private final FlashBinder binder;
  private final Map<FlashDriver, Map<String, Object>> drivers = new HashMap<>();
  private final Map<Object, Map<String, Object>> hardware = new HashMap<>();
  private final AtomicLong serviceIds = new AtomicLong();

  /**
   * @param waitForDriverMillis how long operations wait for a driver while none serves their device
   */
  public StandaloneVirtualizer(long waitForDriverMillis) {
    this.binder = new FlashBinder(StandaloneVirtualizer::unpublished, waitForDriverMillis);
  }

  private static FlashBinder.Publication unpublished(Flash flash, Map<String, Object> properties) {
    return new FlashBinder.Publication() {
      @Override
      public void update(Map<String, Object> changed) {}

      @Override
      public void withdraw() {}
    };
  }

  /** Adds a driver with a ranking and the devices it is preferred for. */
  public synchronized void addDriver(FlashDriver driver, int ranking, String... preferredFor) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(DeviceProperties.DRIVER_NAME, driver.name());
    properties.put(Constants.SERVICE_RANKING, ranking);
    properties.put(Constants.SERVICE_ID, serviceIds.incrementAndGet());
    properties.put(DeviceProperties.DRIVER_PREFERRED_FOR, preferredFor);
    if (drivers.put(driver, properties) == null) {
      binder.bindDriver(driver, properties);
    } else {
      binder.updatedDriver(driver, properties);
    }
  }

  /** Removes a driver; its devices move to the next candidate after the operation in flight. */
  public synchronized void removeDriver(FlashDriver driver) {
    Map<String, Object> properties = drivers.remove(driver);
    if (properties != null) {
      binder.unbindDriver(driver, properties);
    }
  }

  /**
   * Adds hardware with its properties (at least {@link DeviceProperties#NAME} and {@link
   * DeviceProperties#COMPATIBLE}, plus its binding's).
   */
  public synchronized void addHardware(MmioDevice device, Map<String, Object> properties) {
    addHardware((Object) device, properties);
  }

  /**
   * Adds hardware of any kind a driver may take ({@code FlashHardware.as}): an {@code SpiDevice} of
   * the SPI virtualizer, a vendor controller's registers, ...
   *
   * @since 1.1
   */
  public synchronized void addHardware(Object device, Map<String, Object> properties) {
    hardware.put(device, Map.copyOf(properties));
    binder.bindHardware(device, properties);
  }

  /** Removes hardware: its Flash goes, its driver is detached after the operation in flight. */
  public synchronized void removeHardware(MmioDevice device) {
    removeHardware((Object) device);
  }

  /**
   * Removes hardware of any kind.
   *
   * @since 1.1
   */
  public synchronized void removeHardware(Object device) {
    Map<String, Object> properties = hardware.remove(device);
    if (properties != null) {
      binder.unbindHardware(device, properties);
    }
  }

  /**
   * @return the Flash of {@code device}, once a driver has served it
   */
  public Optional<Flash> flash(String device) {
    return binder.flash(device);
  }

  @Override
  public List<DeviceQueueStatistics> queues() {
    return binder.queues();
  }

  @Override
  public <T> T withDriverDetached(String device, Callable<T> work) throws Exception {
    return binder.withDriverDetached(device, work);
  }

  @Override
  public void close() {
    binder.close();
  }
}
