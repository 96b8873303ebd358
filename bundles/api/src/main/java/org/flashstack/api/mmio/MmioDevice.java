package org.flashstack.api.mmio;

import java.util.Optional;
import org.flashstack.api.device.DeviceClaimException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An emulated device seen through a window of memory-mapped addresses, registered as an OSGi
 * service by its model with {@link org.flashstack.api.device.DeviceProperties#NAME} and {@link
 * org.flashstack.api.device.DeviceProperties#COMPATIBLE} (the binding it follows) and the binding's
 * own properties, the way a device tree node describes a device.
 *
 * <p>The registers are reached only through a {@link MmioClaim}: one owner at a time, so two
 * drivers never drive one device at once, and the silicon can tell.
 */
@ProviderType
public interface MmioDevice {

  /**
   * @return the device name
   */
  String name();

  /**
   * @return the size of the window in bytes
   */
  long size();

  /**
   * Claims the device for {@code owner}, waiting up to {@code timeoutMillis} for the current owner
   * to release it.
   *
   * @param owner who claims, in words a user recognises, e.g. {@code "driver cfi"}
   * @param timeoutMillis how long to wait for another owner to let go; 0 not to wait
   * @throws DeviceClaimException naming the holder if it did not let go in time
   */
  MmioClaim claim(String owner, long timeoutMillis) throws DeviceClaimException;

  /**
   * @return who holds the device now, if anyone
   */
  Optional<String> holder();
}
