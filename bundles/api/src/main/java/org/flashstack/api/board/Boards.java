package org.flashstack.api.board;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The board presets and the board in use.
 *
 * <p>Provider type: the board bundle implements it; methods are added in minor versions.
 */
@ProviderType
public interface Boards {

  /**
   * @return the shipped presets, by name
   */
  List<BoardPreset> presets();

  /**
   * @return the configurations of the board in use (those of the board's factory PIDs)
   */
  List<BoardConfiguration> current();

  /**
   * @return what applying {@code preset} would change; changes nothing
   * @throws BoardException for an unknown preset
   */
  BoardPlan plan(String preset) throws BoardException;

  /**
   * Applies {@code preset}: creates, changes and deletes configurations as {@link #plan} says, then
   * waits up to {@code timeoutMillis} for every device and partition of the new board to come up.
   * If one does not, the old board's configurations are put back and the exception says what did
   * not come up. Flash images are never deleted.
   *
   * @return the plan that was carried out
   * @throws BoardException for an unknown preset, or a board that did not come up
   */
  BoardPlan apply(String preset, long timeoutMillis) throws BoardException;

  /**
   * What making the board {@code board} would change, for a board made on the spot (a partition
   * table imported onto the board in use, for instance): as {@link #plan(String)}.
   *
   * @since 1.1
   */
  BoardPlan plan(BoardPreset board) throws BoardException;

  /**
   * Makes the board {@code board}, with the same care as {@link #apply(String, long)}: nothing
   * deleted until everything of the new board is up, the old one put back otherwise.
   *
   * @since 1.1
   */
  BoardPlan apply(BoardPreset board, long timeoutMillis) throws BoardException;
}
