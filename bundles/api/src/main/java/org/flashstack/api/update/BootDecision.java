package org.flashstack.api.update;

/**
 * What boot selection chose.
 *
 * @param partition the partition that boots, or null when nothing valid was found
 * @param version its image's version
 * @param source whether it is the active slot, the other slot or recovery
 * @param reason why, for people ("trial boot 2 of 3", "rolled back: ...")
 */
public record BootDecision(String partition, String version, Source source, String reason) {

  /** Which rule chose the partition. */
  public enum Source {
    ACTIVE,
    OTHER,
    RECOVERY,
    NONE
  }

  /**
   * @return whether a valid image boots
   */
  public boolean bootable() {
    return partition != null;
  }
}
