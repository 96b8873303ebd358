package org.flashstack.api.flash;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A flash device as a driver presents it: identity, geometry, read, program and erase.
 *
 * <p>Implemented by device drivers (the CFI driver, the SPI NOR driver, vendor controller drivers)
 * and registered as an OSGi service with the property {@value #NAME} naming the device; consumers
 * bind by filter on that property. Implementations serialize operations: each call has the device
 * to itself from its first bus access to its last.
 *
 * <p>Program follows NOR rules: it can only clear bits, so the target range must be erased first
 * for the stored bytes to equal the given ones. Erase works on whole erase blocks.
 */
@ConsumerType
public interface Flash {

  /** Service property: the device name, e.g. {@code nor0}. */
  String NAME = "flash.name";

  /** Service property: the driver that provides this service, e.g. {@code cfi}. */
  String DRIVER = "flash.driver";

  /**
   * @return the device name, the same as the {@value #NAME} service property
   */
  String name();

  /**
   * @return manufacturer, device ID and interface, as read from the device
   */
  FlashIdentity identity();

  /**
   * @return size, erase regions, program unit and write buffer size
   */
  FlashGeometry geometry();

  /**
   * Reads {@code length} bytes starting at {@code address} into {@code destination[offset..]}.
   *
   * @throws FlashException OUT_OF_RANGE if the range is not inside the device, INVALID_ARGUMENT for
   *     a bad buffer range, DEVICE_FAULT if the device fails
   */
  void read(long address, byte[] destination, int offset, int length) throws FlashException;

  /**
   * Programs {@code length} bytes of {@code source[offset..]} at {@code address}. Any byte
   * alignment is accepted: the driver pads partial program units with the erase value, which leaves
   * the neighbouring bytes as they are.
   *
   * @throws FlashException OUT_OF_RANGE, INVALID_ARGUMENT, PROTECTED (locked block, write-protected
   *     device), DEVICE_FAULT (program error), TIMEOUT
   */
  void program(long address, byte[] source, int offset, int length) throws FlashException;

  /**
   * Erases every erase block in {@code [address, address + length)}. Both ends must be erase block
   * boundaries.
   *
   * @throws FlashException MISALIGNED if an end is not on a block boundary, OUT_OF_RANGE,
   *     PROTECTED, DEVICE_FAULT (erase error), TIMEOUT
   */
  void erase(long address, long length) throws FlashException;
}
