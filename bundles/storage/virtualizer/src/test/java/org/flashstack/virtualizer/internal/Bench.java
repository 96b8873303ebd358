package org.flashstack.virtualizer.internal;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flashstack.api.cfi.CfiBinding;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.clock.VirtualClock;
import org.flashstack.driver.cfi.CfiFlashDriver;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.flashstack.hw.media.NorMedia;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * A test bench: CFI models with their claims, CFI drivers under any name, a virtualizer on a
 * recording bundle context, and the service properties DS would publish.
 */
final class Bench {

  final VirtualClock clock = new VirtualClock();
  final List<Registration> registrations = new CopyOnWriteArrayList<>();
  private long serviceIds = 1;

  /** A registration the fake bundle context made. */
  static final class Registration {
    final Object service;
    volatile Dictionary<String, Object> properties;
    volatile boolean unregistered;

    Registration(Object service, Dictionary<String, Object> properties) {
      this.service = service;
      this.properties = properties;
    }
  }

  /** A 2 x16 bank of 16 blocks of 8 KiB, in RAM, with its claims. */
  record Chip(
      String name, CfiNorFlash model, ClaimableMmioDevice device, Map<String, Object> properties) {}

  Chip chip(String name) throws Exception {
    CfiDeviceParameters parameters =
        new CfiDeviceParameters(
            name, 4, 2, 8192, 16, 0x89, 0x18, 32, java.nio.ByteOrder.LITTLE_ENDIAN, false);
    CfiNorFlash model =
        new CfiNorFlash(
            parameters,
            NorMedia.open(
                MediaSpec.ram(name, parameters.size(), parameters.blockSize())
                    .withProgramPolicy(ProgramPolicy.AND)),
            clock);
    ClaimableMmioDevice device = new ClaimableMmioDevice(model, model::powerUpReset);
    Map<String, Object> properties = new HashMap<>();
    properties.put(DeviceProperties.NAME, name);
    properties.put(DeviceProperties.COMPATIBLE, CfiBinding.COMPATIBLE);
    properties.put(CfiBinding.BANK_WIDTH, "4");
    return new Chip(name, model, device, properties);
  }

  FlashDriver driver(String name) {
    return new CfiFlashDriver(name, clock, 2000);
  }

  Map<String, Object> driverProperties(String name, int ranking, String... preferredFor) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(DeviceProperties.DRIVER_NAME, name);
    properties.put(Constants.SERVICE_RANKING, String.valueOf(ranking));
    properties.put(Constants.SERVICE_ID, serviceIds++);
    if (preferredFor.length > 0) {
      properties.put(DeviceProperties.DRIVER_PREFERRED_FOR, preferredFor);
    }
    return properties;
  }

  FlashVirtualizerComponent virtualizer(long waitLimitMillis) {
    return new FlashVirtualizerComponent(context(), configuration(waitLimitMillis));
  }

  FlashBinder binder(long waitLimitMillis) {
    return new FlashBinder(
        (flash, properties) -> {
          Registration registration = new Registration(flash, new Hashtable<>(properties));
          registrations.add(registration);
          return new FlashBinder.Publication() {
            @Override
            public void update(Map<String, Object> changed) {
              registration.properties = new Hashtable<>(changed);
            }

            @Override
            public void withdraw() {
              registration.unregistered = true;
            }
          };
        },
        waitLimitMillis);
  }

  static VirtualizerConfiguration configuration(long waitLimitMillis) {
    return (VirtualizerConfiguration)
        Proxy.newProxyInstance(
            VirtualizerConfiguration.class.getClassLoader(),
            new Class<?>[] {VirtualizerConfiguration.class},
            (proxy, method, args) ->
                method.getName().equals("waitForDriverMillis")
                    ? waitLimitMillis
                    : method.getDefaultValue());
  }

  /** The live Flash services, by device name. */
  Map<String, Registration> flashServices() {
    Map<String, Registration> live = new HashMap<>();
    for (Registration registration : registrations) {
      if (!registration.unregistered && registration.service instanceof Flash) {
        live.put((String) registration.properties.get(DeviceProperties.NAME), registration);
      }
    }
    return live;
  }

  Flash flash(String name) {
    Registration registration = flashServices().get(name);
    if (registration == null) {
      throw new AssertionError("no Flash service for " + name + ": " + flashServices().keySet());
    }
    return (Flash) registration.service;
  }

  String servingDriver(String name) {
    return (String) flashServices().get(name).properties.get(DeviceProperties.DRIVER_NAME);
  }

  @SuppressWarnings("unchecked")
  private BundleContext context() {
    return (BundleContext)
        Proxy.newProxyInstance(
            BundleContext.class.getClassLoader(),
            new Class<?>[] {BundleContext.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("registerService")) {
                throw new UnsupportedOperationException(method.getName());
              }
              Registration registration =
                  new Registration(args[1], copy((Dictionary<String, Object>) args[2]));
              registrations.add(registration);
              return registration(registration);
            });
  }

  private static Dictionary<String, Object> copy(Dictionary<String, Object> properties) {
    Hashtable<String, Object> copy = new Hashtable<>();
    for (String key : Collections.list(properties.keys())) {
      copy.put(key, properties.get(key));
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static ServiceRegistration<Flash> registration(Registration registration) {
    ServiceReference<Flash> reference =
        (ServiceReference<Flash>)
            Proxy.newProxyInstance(
                ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getProperty")) {
                    return registration.properties.get((String) args[0]);
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return (ServiceRegistration<Flash>)
        Proxy.newProxyInstance(
            ServiceRegistration.class.getClassLoader(),
            new Class<?>[] {ServiceRegistration.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "unregister" -> {
                  if (registration.unregistered) {
                    throw new IllegalStateException("already unregistered");
                  }
                  registration.unregistered = true;
                  return null;
                }
                case "setProperties" -> {
                  registration.properties = copy((Dictionary<String, Object>) args[0]);
                  return null;
                }
                case "getReference" -> {
                  return reference;
                }
                default -> throw new UnsupportedOperationException(method.getName());
              }
            });
  }
}
