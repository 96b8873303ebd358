package org.flashstack.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.flashstack.api.board.BoardPreset;
import org.flashstack.api.board.Boards;

/** Completes the names of the board presets. */
@Service
public class BoardPresetCompleter implements Completer {

  @Reference Boards boards;

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    return new StringsCompleter(boards.presets().stream().map(BoardPreset::name).toList())
        .complete(session, commandLine, candidates);
  }
}
