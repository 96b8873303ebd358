package org.flashstack.api.update;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A/B firmware update on a board: two slots and a recovery partition (docs/update.md). Every step
 * checks what it is given before it writes anything, and leaves the flash so that boot selection
 * finds a valid image after a power cut at any point.
 */
@ProviderType
public interface FirmwareUpdate {

  /**
   * Writes {@code image} (header and payload, as {@code update:image} makes it) into the slot that
   * is not active, reads it back and verifies its digest, and records it as staged.
   *
   * @return the slot staged
   * @throws UpdateException BAD_IMAGE or TOO_LARGE before anything is written; FLASH if the flash
   *     failed on the way (the slot is then not staged)
   */
  SlotStatus stage(byte[] image) throws UpdateException;

  /**
   * Writes {@code image} into the recovery partition and verifies it: the image that boots when
   * neither slot can.
   *
   * @throws UpdateException as {@link #stage}
   */
  SlotStatus provisionRecovery(byte[] image) throws UpdateException;

  /**
   * Makes the staged slot the active one, on trial: it boots next, up to the attempt limit, until
   * {@link #confirm()}; one record append, so a power cut leaves either the old or the new choice.
   *
   * @throws UpdateException NOT_APPLICABLE if no slot is staged; RECORD_FULL; FLASH
   */
  SlotStatus activate() throws UpdateException;

  /**
   * Confirms the active slot good: it stops counting attempts and stays active.
   *
   * @throws UpdateException NOT_APPLICABLE if the active slot is not on trial; FLASH
   */
  SlotStatus confirm() throws UpdateException;

  /**
   * Runs boot selection as the boot ROM would at reset: the active slot (a trial counts an attempt;
   * out of attempts, it is marked bad and rolled back), else the other activated slot, else
   * recovery; each only with a valid image.
   */
  BootDecision boot() throws UpdateException;

  /**
   * @return the slots, the recovery image and the last boot
   */
  UpdateStatus status() throws UpdateException;
}
