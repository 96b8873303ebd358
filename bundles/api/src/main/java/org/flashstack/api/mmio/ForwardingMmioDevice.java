package org.flashstack.api.mmio;

import java.util.Optional;
import org.flashstack.api.device.DeviceClaimException;
import org.flashstack.api.device.DevicePower;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An {@link MmioDevice} and its {@link DevicePower} that answer from a {@link ClaimableMmioDevice}:
 * what a device model's component registers, by implementing only {@link #claimable()}.
 *
 * @since 2.2
 */
@ConsumerType
public interface ForwardingMmioDevice extends MmioDevice, DevicePower {

  /**
   * @return the model's registers behind their claims and power supply
   */
  ClaimableMmioDevice claimable();

  @Override
  default String name() {
    return claimable().name();
  }

  @Override
  default long size() {
    return claimable().size();
  }

  @Override
  default MmioClaim claim(String owner, long timeoutMillis) throws DeviceClaimException {
    return claimable().claim(owner, timeoutMillis);
  }

  @Override
  default Optional<String> holder() {
    return claimable().holder();
  }

  @Override
  default void cut() {
    claimable().cut();
  }

  @Override
  default void restore() {
    claimable().restore();
  }

  @Override
  default boolean isPowered() {
    return claimable().isPowered();
  }

  @Override
  default long powerLossCount() {
    return claimable().powerLossCount();
  }
}
