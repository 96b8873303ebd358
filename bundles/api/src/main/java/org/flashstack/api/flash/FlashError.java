package org.flashstack.api.flash;

/**
 * What went wrong with a flash operation, in terms a user can act on. Every {@link FlashException}
 * carries exactly one of these.
 */
public enum FlashError {
  /** An argument is malformed: negative length, null buffer, buffer too small. */
  INVALID_ARGUMENT,
  /** The address range is not inside the device (or partition). */
  OUT_OF_RANGE,
  /** The address or length does not fall on a required boundary (erase block, program unit). */
  MISALIGNED,
  /** The target is write-protected: a locked block, programming voltage off, a read-only image. */
  PROTECTED,
  /** The device is busy with another operation and the caller asked not to wait. */
  BUSY,
  /** The device did not report completion within the time its parameters allow. */
  TIMEOUT,
  /** The device or driver does not offer this operation. */
  NOT_SUPPORTED,
  /** The device reported a failure (program error, erase error, command sequence error). */
  DEVICE_FAULT,
  /** Power was lost while the operation ran; its effect on the cells is undefined. */
  POWER_LOST,
  /**
   * No driver serves the device (none bound, or the device is gone) and none arrived within the
   * time the flash virtualizer lets requests wait for one.
   */
  UNAVAILABLE
}
