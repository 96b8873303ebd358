package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.board.BoardPlan;
import org.flashstack.api.board.Boards;
import org.flashstack.board.BoardPlanner;

/**
 * {@code board:apply <preset> [--confirm]}: says exactly what applying the preset changes and which
 * flash images it reuses or creates; changes nothing without {@code --confirm}. With it, applies
 * the preset and keeps the old board if the new one does not come up.
 */
@Service
@Command(
    scope = "board",
    name = "apply",
    description = "Shows what a board preset would change; applies it with --confirm")
public class BoardApplyCommand extends FlashStackAction {

  @Reference Boards boards;

  @Argument(index = 0, name = "preset", description = "Preset name", required = true)
  @Completion(BoardPresetCompleter.class)
  String name;

  @Option(name = "--confirm", description = "Apply the changes shown")
  boolean confirm;

  @Option(
      name = "--timeout",
      description = "How long the new board may take to come up, in ms (30000)")
  long timeoutMillis = 30_000;

  @Override
  void run() throws Exception {
    BoardPlan plan;
    try {
      plan = boards.plan(name);
    } catch (org.flashstack.api.board.BoardException e) {
      throw new UserMistake(e.getMessage());
    }
    if (plan.changesNothing()) {
      System.out.println("The board is " + name + " already; nothing to change.");
      return;
    }
    System.out.println(
        (confirm ? "Applying " + name + ": " : "Applying " + name + " would: ")
            + "(configurations in etc/, flash images kept whatever happens)");
    BoardPlanner.describe(plan).forEach(System.out::println);
    if (!confirm) {
      System.out.println(
          "Nothing was changed; run board:apply --confirm " + name + " to apply it.");
      return;
    }
    try {
      boards.apply(name, timeoutMillis);
    } catch (org.flashstack.api.board.BoardException e) {
      throw new UserMistake(e.getMessage());
    }
    System.out.println("Board " + name + " applied: every device and partition is up.");
  }
}
