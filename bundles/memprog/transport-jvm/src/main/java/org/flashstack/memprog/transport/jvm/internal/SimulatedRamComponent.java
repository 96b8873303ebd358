package org.flashstack.memprog.transport.jvm.internal;

import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.memprog.ForwardingTargetMemory;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.memprog.transport.jvm.SimulatedRam;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** One simulated MCU RAM per factory configuration, a {@link TargetMemory} service. */
@Component(
    immediate = true,
    service = TargetMemory.class,
    configurationPid = SimulatedRamComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimulatedRamConfiguration.class, factory = true)
public final class SimulatedRamComponent implements ForwardingTargetMemory {

  /** The factory PID of simulated RAMs. */
  public static final String FACTORY_PID = "org.flashstack.memprog.ram";

  private static final long MAX_SIZE = 1L << 30;

  private final SimulatedRam ram;

  @Activate
  public SimulatedRamComponent(SimulatedRamConfiguration configuration) {
    String name = configuration.memprog_memory();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a simulated RAM needs memprog.memory (its name)");
    }
    long base = ByteSizes.parse(configuration.base(), name + ": base");
    long size = ByteSizes.parse(configuration.size(), name + ": size");
    if (size <= 0 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          name + ": size must be 1 byte to 1 GiB, not " + configuration.size());
    }
    ram = new SimulatedRam("ram:" + name, base, (int) size);
  }

  @Override
  public TargetMemory target() {
    return ram;
  }

  @Override
  public String toString() {
    return ram.toString();
  }
}
