package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.board.BoardPreset;
import org.flashstack.api.board.Boards;

/** {@code board:list}: the shipped board presets, and which one the board in use is. */
@Service
@Command(scope = "board", name = "list", description = "Lists the board presets")
public class BoardListCommand extends FlashStackAction {

  @Reference Boards boards;

  @Option(
      name = "--no-format",
      description = "Plain output: no table borders or padding, for scripts")
  boolean noFormat;

  @Override
  void run() throws Exception {
    ShellTable table = new ShellTable();
    table.column("Preset");
    table.column("In use");
    table.column("Configurations");
    table.column("Description");
    for (BoardPreset preset : boards.presets()) {
      table
          .addRow()
          .addContent(
              preset.name(),
              boards.plan(preset.name()).changesNothing() ? "yes" : "",
              preset.configurations().size(),
              preset.description());
    }
    table.print(System.out, !noFormat);
  }
}
