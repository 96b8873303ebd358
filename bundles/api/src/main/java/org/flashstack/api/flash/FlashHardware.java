package org.flashstack.api.flash;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Hardware a {@link FlashDriver} may drive, as the flash virtualizer offers it: the device's name,
 * its service properties (the binding, {@link org.flashstack.api.device.DeviceProperties}) and the
 * bus services it is reached through (for instance an {@code MmioDevice}).
 */
@ProviderType
public interface FlashHardware {

  /**
   * @return the device name
   */
  String name();

  /**
   * @return the service properties of the hardware, as its model published them
   */
  Map<String, Object> properties();

  /**
   * @return the hardware as a service of {@code type}, if it is one
   */
  <T> Optional<T> as(Class<T> type);
}
