package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.board.BoardConfiguration;
import org.flashstack.api.board.BoardPreset;
import org.flashstack.api.board.Boards;

/** {@code board:show <preset>}: the preset's configurations, as the etc/ files it would write. */
@Service
@Command(
    scope = "board",
    name = "show",
    description = "Shows a board preset's configurations as the etc/*.cfg files it makes")
public class BoardShowCommand extends FlashStackAction {

  @Reference Boards boards;

  @Argument(index = 0, name = "preset", description = "Preset name", required = true)
  @Completion(BoardPresetCompleter.class)
  String name;

  @Override
  void run() throws Exception {
    BoardPreset preset =
        boards.presets().stream()
            .filter(p -> p.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new UserMistake(
                        "no board preset '"
                            + name
                            + "'; the presets are "
                            + String.join(
                                ", ", boards.presets().stream().map(BoardPreset::name).toList())));
    System.out.println("# " + preset.name() + ": " + preset.description());
    for (BoardConfiguration configuration : preset.configurations()) {
      System.out.println();
      System.out.println("# etc/" + configuration.id() + ".cfg");
      configuration.properties().forEach((key, value) -> System.out.println(key + " = " + value));
    }
  }
}
