package org.flashstack.memprog.transport.shm.internal;

import java.io.IOException;
import java.nio.file.Path;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.memprog.ForwardingTargetMemory;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.memprog.transport.shm.SharedMemoryFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** A shared-memory file per factory configuration, a {@link TargetMemory} for a target here. */
@Component(
    immediate = true,
    service = TargetMemory.class,
    configurationPid = SharedMemoryComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SharedMemoryConfiguration.class, factory = true)
public final class SharedMemoryComponent implements ForwardingTargetMemory {

  /** The factory PID of shared-memory RAMs. */
  public static final String FACTORY_PID = "org.flashstack.memprog.shm";

  private final SharedMemoryFile file;

  @Activate
  public SharedMemoryComponent(SharedMemoryConfiguration configuration) throws IOException {
    String name = configuration.memprog_memory();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a shared-memory RAM needs memprog.memory (its name)");
    }
    if (configuration.file() == null || configuration.file().isBlank()) {
      throw new IllegalArgumentException(name + ": a shared-memory RAM needs a file");
    }
    long base = ByteSizes.parse(configuration.base(), name + ": base");
    long size = ByteSizes.parse(configuration.size(), name + ": size");
    if (size <= 0 || size > 1L << 30) {
      throw new IllegalArgumentException(
          name + ": size must be 1 byte to 1 GiB, not " + configuration.size());
    }
    file = SharedMemoryFile.create(Path.of(configuration.file()), base, (int) size);
  }

  @Deactivate
  void deactivate() {
    file.close();
  }

  @Override
  public TargetMemory target() {
    return file;
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
