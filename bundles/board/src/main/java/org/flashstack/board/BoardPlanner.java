package org.flashstack.board;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.flashstack.api.board.BoardChange;
import org.flashstack.api.board.BoardConfiguration;
import org.flashstack.api.board.BoardPlan;
import org.flashstack.api.board.BoardPreset;
import org.flashstack.api.device.ByteSizes;

/** Works out what applying a preset to the board in use changes, and which images it touches. */
public final class BoardPlanner {
  private BoardPlanner() {}

  /** The factory PIDs whose configurations make a board. */
  public static final Set<String> BOARD_PIDS =
      Set.of(
          "org.flashstack.hw.cfi",
          "org.flashstack.hw.spinor",
          "org.flashstack.hw.opentitan.spihost",
          "org.flashstack.driver.spi.mux",
          "org.flashstack.partition",
          "org.flashstack.kv.nvs",
          "org.flashstack.flashlog");

  /**
   * @param preset the preset to apply
   * @param current the board's configurations now
   * @param expand what a preset's value becomes once set (e.g. {@code ${karaf.base}} replaced)
   * @return additions, changes and removals (the preset's order, then removals), and the images
   */
  public static BoardPlan plan(
      BoardPreset preset, List<BoardConfiguration> current, UnaryOperator<String> expand) {
    Map<String, BoardConfiguration> now = new LinkedHashMap<>();
    for (BoardConfiguration configuration : current) {
      now.put(configuration.id(), configuration);
    }
    List<BoardChange> changes = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (BoardConfiguration wanted : preset.configurations()) {
      BoardConfiguration target = expanded(wanted, expand);
      BoardConfiguration before = now.remove(target.id());
      BoardChange.Kind kind =
          before == null
              ? BoardChange.Kind.ADD
              : before.properties().equals(target.properties())
                  ? BoardChange.Kind.KEEP
                  : BoardChange.Kind.CHANGE;
      changes.add(new BoardChange(kind, before, target));
      String file = target.properties().get("file");
      if (file != null && !file.isBlank()) {
        Path path = Path.of(file);
        images.add(
            Files.isRegularFile(path)
                ? String.format("%s: reuses %s (%s)", target.name(), path, size(path))
                : String.format("%s: creates %s, every byte erased", target.name(), path));
      }
    }
    for (BoardConfiguration gone : now.values()) {
      changes.add(new BoardChange(BoardChange.Kind.REMOVE, gone, null));
      String file = gone.properties().get("file");
      if (file != null && !file.isBlank()) {
        images.add(String.format("%s: leaves the board; its image %s is kept", gone.name(), file));
      }
    }
    return new BoardPlan(preset.name(), changes, images);
  }

  private static BoardConfiguration expanded(
      BoardConfiguration configuration, UnaryOperator<String> expand) {
    Map<String, String> properties = new LinkedHashMap<>();
    configuration.properties().forEach((key, value) -> properties.put(key, expand.apply(value)));
    return new BoardConfiguration(configuration.factoryPid(), configuration.name(), properties);
  }

  private static String size(Path path) {
    try {
      return ByteSizes.format(Files.size(path));
    } catch (java.io.IOException e) {
      return "size unknown: " + e.getMessage();
    }
  }

  /**
   * @return the plan as lines for people: one per change (unchanged configurations counted), then
   *     the images
   */
  public static List<String> describe(BoardPlan plan) {
    List<String> lines = new ArrayList<>();
    int kept = 0;
    for (BoardChange change : plan.changes()) {
      switch (change.kind()) {
        case ADD -> lines.add("  add     " + change.id());
        case REMOVE -> lines.add("  remove  " + change.id());
        case CHANGE -> {
          lines.add("  change  " + change.id());
          Map<String, String> before = change.before().properties();
          Map<String, String> after = change.after().properties();
          for (String key : new java.util.TreeSet<>(union(before.keySet(), after.keySet()))) {
            String was = before.get(key);
            String will = after.get(key);
            if (!java.util.Objects.equals(was, will)) {
              lines.add(
                  String.format(
                      "            %s: %s -> %s",
                      key, was == null ? "(unset)" : was, will == null ? "(unset)" : will));
            }
          }
        }
        case KEEP -> kept++;
      }
    }
    if (kept > 0) {
      lines.add("  keep    " + kept + " configuration(s) as they are");
    }
    for (String image : plan.images()) {
      lines.add("  image   " + image);
    }
    return lines;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
