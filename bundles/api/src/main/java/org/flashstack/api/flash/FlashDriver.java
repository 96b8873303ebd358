package org.flashstack.api.flash;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A flash device driver, registered as an OSGi service with {@link
 * org.flashstack.api.device.DeviceProperties#DRIVER_NAME}, a {@code service.ranking} and optionally
 * {@link org.flashstack.api.device.DeviceProperties#DRIVER_PREFERRED_FOR}. The flash virtualizer
 * chooses, per device, one driver among those that {@link #supports} it: the one the hardware names
 * in {@link org.flashstack.api.device.DeviceProperties#DRIVER}, else one preferred for the device,
 * else the best ranked; it attaches it, and detaches it (after the operation in flight) when the
 * choice changes or the driver leaves.
 *
 * <p>Consumer type: vendors implement it.
 */
@ConsumerType
public interface FlashDriver {

  /**
   * @return the driver's name, the same as its service property
   */
  String name();

  /**
   * @return whether this driver can drive {@code hardware}, by its binding; must not touch it
   */
  boolean supports(FlashHardware hardware);

  /**
   * Claims the hardware and probes it.
   *
   * @return the device, owned by this driver until {@link FlashDevice#close()}
   * @throws FlashException if the hardware is claimed by another owner (BUSY), does not answer the
   *     probe, or is not a device this driver drives; the claim is released again
   */
  FlashDevice attach(FlashHardware hardware) throws FlashException;
}
