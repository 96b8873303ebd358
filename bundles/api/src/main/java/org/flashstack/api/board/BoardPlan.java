package org.flashstack.api.board;

import java.util.List;

/**
 * What applying a preset would do, before anything is done.
 *
 * @param preset the preset's name
 * @param changes one per configuration of the old or the new board
 * @param images one line per flash image the new board uses: reused (with its size) or created, and
 *     the images of removed devices, which are kept
 */
public record BoardPlan(String preset, List<BoardChange> changes, List<String> images) {

  /** Copies the lists. */
  public BoardPlan {
    changes = List.copyOf(changes);
    images = List.copyOf(images);
  }

  /**
   * @return whether the board is the preset already
   */
  public boolean changesNothing() {
    return changes.stream().allMatch(change -> change.kind() == BoardChange.Kind.KEEP);
  }
}
