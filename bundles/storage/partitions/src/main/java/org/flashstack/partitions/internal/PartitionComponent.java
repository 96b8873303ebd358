package org.flashstack.partitions.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.partition.AsyncSpiFlash;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.api.partition.PartitionProperties;
import org.flashstack.partitions.Partition;
import org.flashstack.partitions.PartitionAsyncSpiFlash;
import org.flashstack.partitions.PartitionSpec;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition from its factory configuration: comes up with its device's {@link Flash} (which
 * stays while drivers come and go) and registers its {@link FlashPartition} and {@link
 * AsyncSpiFlash}; a partition that overlaps another, repeats a name or driver number, or does not
 * fit its device fails to activate with the reason.
 */
@Component(
    service = {},
    configurationPid = PartitionComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PartitionConfiguration.class, factory = true)
public final class PartitionComponent {

  /** The factory configuration PID. */
  public static final String FACTORY_PID = "org.flashstack.partition";

  private static final Logger LOG = LoggerFactory.getLogger(PartitionComponent.class);

  private final PartitionLayoutComponent layout;
  private final Partition partition;
  private final PartitionAsyncSpiFlash userland;
  private final ServiceRegistration<FlashPartition> partitionRegistration;
  private final ServiceRegistration<AsyncSpiFlash> userlandRegistration;

  /** Checks the partition against the layout and its device, then registers its services. */
  @Activate
  public PartitionComponent(
      BundleContext context,
      @Reference PartitionLayoutComponent layout,
      @Reference(name = "flash") Flash flash,
      PartitionConfiguration configuration) {
    this.layout = layout;
    PartitionSpec spec = spec(configuration, flash.name());
    layout.add(spec);
    try {
      this.partition = Partition.open(spec, flash);
    } catch (RuntimeException e) {
      layout.remove(spec, false);
      throw e;
    }
    this.userland = new PartitionAsyncSpiFlash(partition);
    Dictionary<String, Object> properties =
        new Hashtable<>(
            Map.of(
                PartitionProperties.NAME,
                spec.name(),
                PartitionProperties.DEVICE,
                spec.device(),
                PartitionProperties.DRIVER_NUMBER,
                spec.driverNumber()));
    this.partitionRegistration =
        context.registerService(FlashPartition.class, partition, properties);
    this.userlandRegistration = context.registerService(AsyncSpiFlash.class, userland, properties);
    layout.announceAdded(spec);
    LOG.info("{} up", spec);
  }

  /** The partition a configuration describes, on the device its Flash names. */
  static PartitionSpec spec(PartitionConfiguration configuration, String device) {
    String name = configuration.partition_name();
    String where = "partition " + name + ": ";
    if (configuration.offset() == null || configuration.size() == null) {
      throw new IllegalArgumentException(where + "give offset and size");
    }
    String number = configuration.partition_driverNumber();
    if (number == null || number.isBlank()) {
      throw new IllegalArgumentException(where + "give partition.driverNumber");
    }
    long driverNumber;
    try {
      driverNumber = Long.decode(number.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where + "driver number '" + number + "' is not a number (0x9000001 or 150994945)");
    }
    return new PartitionSpec(
        name,
        device,
        ByteSizes.parse(configuration.offset(), where + "offset"),
        ByteSizes.parse(configuration.size(), where + "size"),
        configuration.readOnly(),
        driverNumber);
  }

  @Deactivate
  void deactivate() {
    userland.gone();
    partition.close();
    for (ServiceRegistration<?> registration :
        java.util.List.of(userlandRegistration, partitionRegistration)) {
      try {
        registration.unregister();
      } catch (IllegalStateException alreadyGone) {
        // the bundle is stopping: the framework withdrew it first
      }
    }
    layout.remove(partition.spec(), true);
    LOG.info("{} withdrawn", partition.spec());
  }
}
