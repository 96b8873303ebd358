package org.flashstack.api.board;

import java.util.List;

/**
 * A board shipped with FlashStack.
 *
 * @param name e.g. {@code dual-flash}
 * @param description one line
 * @param configurations what makes it, in the order they are applied
 */
public record BoardPreset(
    String name, String description, List<BoardConfiguration> configurations) {

  /** Copies the list. */
  public BoardPreset {
    configurations = List.copyOf(configurations);
  }
}
