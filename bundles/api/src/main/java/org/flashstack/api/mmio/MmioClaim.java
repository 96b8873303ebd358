package org.flashstack.api.mmio;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Ownership of one MMIO device: the only way to reach its registers. While a claim is held no other
 * claim is granted; once it is closed every access through it is refused with {@link
 * MmioAccessException}, so a driver that lost its device cannot touch it by accident.
 *
 * <p>After the device loses power, every access fails with {@link
 * org.flashstack.api.device.PowerLossException} until the owner calls {@link
 * #acknowledgePowerLoss()}: an operation that was in flight when the power went learns it, and the
 * next one starts from a device the owner knows was reset.
 */
@ProviderType
public interface MmioClaim extends MmioBus, AutoCloseable {

  /**
   * @return who holds the claim, as given to {@link MmioDevice#claim}
   */
  String owner();

  /**
   * Accepts that the device was power-cycled since this claim last looked: accesses work again if
   * the device is powered.
   *
   * @return true if the device had lost power since the last call (the owner must forget what it
   *     knew of the device's volatile state), false if nothing happened
   */
  boolean acknowledgePowerLoss();

  /** Releases the device. Idempotent. */
  @Override
  void close();
}
