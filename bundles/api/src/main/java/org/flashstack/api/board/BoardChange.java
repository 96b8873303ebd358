package org.flashstack.api.board;

/**
 * What applying a preset does to one configuration.
 *
 * @param kind add, change, remove or keep
 * @param before the configuration now, or null for an addition
 * @param after the configuration after, or null for a removal
 */
public record BoardChange(Kind kind, BoardConfiguration before, BoardConfiguration after) {

  /** What happens to the configuration. */
  public enum Kind {
    /** Created. */
    ADD,
    /** Its properties change. */
    CHANGE,
    /** Deleted (its flash image, if any, is kept). */
    REMOVE,
    /** Left as it is. */
    KEEP
  }

  /**
   * @return the configuration's id
   */
  public String id() {
    return (after != null ? after : before).id();
  }
}
