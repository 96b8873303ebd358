package org.flashstack.api.device;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The supply of one emulated device, registered by its model beside its bus window with the
 * device's {@link DeviceProperties#NAME}. Cutting power loses the device's volatile state (modes,
 * buffers, volatile locks, a program or erase in progress) and makes every owner's next access fail
 * with {@link PowerLossException}; the cells keep what they had, or what a torn operation left.
 */
@ProviderType
public interface DevicePower {

  /**
   * @return the device name
   */
  String name();

  /** Cuts the supply: the operation in progress stops where it is; accesses fail until restore. */
  void cut();

  /** Restores the supply: the device starts as at power-up (read-array, no command in progress). */
  void restore();

  /** {@link #cut()} then {@link #restore()}. */
  default void cycle() {
    cut();
    restore();
  }

  /**
   * @return whether the supply is on
   */
  boolean isPowered();

  /**
   * @return how many times the supply has been cut since the model started
   */
  long powerLossCount();
}
