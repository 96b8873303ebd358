package org.flashstack.shell.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.api.partition.PartitionProperties;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Finds devices by name among the registered services, for the commands and their completers. */
final class Services {
  private Services() {}

  /** A service got for the duration of a command; closing releases it. */
  static final class Held<S> implements AutoCloseable {
    private final BundleContext context;
    private final ServiceReference<S> reference;
    private final S service;

    private Held(BundleContext context, ServiceReference<S> reference, S service) {
      this.context = context;
      this.reference = reference;
      this.service = service;
    }

    S get() {
      return service;
    }

    ServiceReference<S> reference() {
      return reference;
    }

    @Override
    public void close() {
      context.ungetService(reference);
    }
  }

  /**
   * @return the best-ranked service of {@code type} of device {@code name}
   */
  static <S> Held<S> byName(BundleContext context, Class<S> type, String name, String what) {
    return byName(context, type, DeviceProperties.NAME, DeviceProperties.filter(name), name, what);
  }

  /**
   * @return the best-ranked service of {@code type} whose {@code property} is {@code name} ({@code
   *     filter} matches it)
   */
  static <S> Held<S> byName(
      BundleContext context,
      Class<S> type,
      String property,
      String filter,
      String name,
      String what) {
    ServiceReference<S> best = null;
    for (ServiceReference<S> reference : references(context, type, filter)) {
      if (best == null || reference.compareTo(best) > 0) {
        best = reference;
      }
    }
    S service = best == null ? null : context.getService(best);
    if (service == null) {
      Collection<String> known = names(context, type, property);
      throw new IllegalArgumentException(
          "no "
              + what
              + " named '"
              + name
              + "'"
              + (known.isEmpty()
                  ? " (none is registered)"
                  : "; known: " + String.join(", ", known)));
    }
    return new Held<>(context, best, service);
  }

  static Held<Flash> flash(BundleContext context, String name) {
    return byName(context, Flash.class, name, "flash device");
  }

  static Held<MmioDevice> mmio(BundleContext context, String name) {
    return byName(context, MmioDevice.class, name, "MMIO device");
  }

  static Held<FlashPartition> partition(BundleContext context, String name) {
    return byName(
        context,
        FlashPartition.class,
        PartitionProperties.NAME,
        PartitionProperties.filter(name),
        name,
        "partition");
  }

  /**
   * @return the sorted device names of every service of {@code type}
   */
  static Collection<String> names(BundleContext context, Class<?> type) {
    return names(context, type, DeviceProperties.NAME);
  }

  /**
   * @return the sorted values of {@code property} of every service of {@code type}
   */
  static Collection<String> names(BundleContext context, Class<?> type, String property) {
    TreeSet<String> names = new TreeSet<>();
    for (ServiceReference<?> reference : references(context, type, null)) {
      Object name = reference.getProperty(property);
      if (name != null) {
        names.add(name.toString());
      }
    }
    return names;
  }

  static <S> List<ServiceReference<S>> references(
      BundleContext context, Class<S> type, String filter) {
    try {
      return new ArrayList<>(context.getServiceReferences(type, filter));
    } catch (InvalidSyntaxException e) {
      throw new IllegalArgumentException("bad device name: " + e.getMessage(), e);
    }
  }
}
