package org.flashstack.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.flashstack.api.board.BoardChange;
import org.flashstack.api.board.BoardConfiguration;
import org.flashstack.api.board.BoardPlan;
import org.flashstack.api.board.BoardPreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardPresetsTest {

  static BoardPreset preset(String name) throws IOException {
    try (var in =
        BoardPresetsTest.class.getResourceAsStream(
            "/org/flashstack/board/presets/" + name + ".board")) {
      return BoardPresetReader.read(name, new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  /** The board the distribution ships in etc/, read the way the preset files are. */
  static List<BoardConfiguration> shippedEtc() throws IOException {
    List<BoardConfiguration> configurations = new ArrayList<>();
    Path etc = Path.of("../../karaf-assembly/src/main/resources/assembly/etc");
    try (var files = Files.list(etc)) {
      for (Path file : files.sorted().toList()) {
        String base = file.getFileName().toString();
        String stem = base.substring(0, base.length() - 4);
        int dash = stem.lastIndexOf('-');
        if (!base.endsWith(".cfg")
            || dash < 0
            || !BoardPlanner.BOARD_PIDS.contains(stem.substring(0, dash))) {
          continue;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
          String text = line.strip();
          if (!text.isEmpty() && !text.startsWith("#")) {
            int equals = text.indexOf('=');
            properties.put(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
          }
        }
        configurations.add(
            new BoardConfiguration(stem.substring(0, dash), stem.substring(dash + 1), properties));
      }
    }
    return configurations;
  }

  @Test
  void theDualFlashPresetIsTheBoardTheDistributionShips() throws IOException {
    BoardPlan plan =
        BoardPlanner.plan(preset("dual-flash"), shippedEtc(), UnaryOperator.identity());
    assertTrue(
        plan.changesNothing(), "etc/ and dual-flash.board agree: " + BoardPlanner.describe(plan));
  }

  @Test
  void seed000sThreeBoardsHaveTheirPartitions() throws IOException {
    assertEquals(
        List.of("primary", "staging", "certificates", "logs", "recovery"),
        partitions(preset("single-flash")));
    assertEquals(
        List.of("primary", "staging", "certificates", "logs", "nvs", "recovery"),
        partitions(preset("dual-flash")));
    assertEquals(
        List.of("primary", "staging", "certificates", "logs", "recovery", "backup"),
        partitions(preset("multi-flash")));
    assertTrue(
        preset("multi-flash").configurations().stream()
            .anyMatch(c -> c.id().equals("org.flashstack.hw.opentitan.spihost-spihost1")),
        "multi-flash has a second controller");
  }

  private static List<String> partitions(BoardPreset preset) {
    return preset.configurations().stream()
        .filter(c -> c.factoryPid().equals("org.flashstack.partition"))
        .map(BoardConfiguration::name)
        .toList();
  }

  @Test
  void aPlanSaysWhatIsAddedChangedRemovedAndWhichImagesAreReusedOrCreated(@TempDir Path dir)
      throws IOException {
    Path existing = dir.resolve("flash0.img");
    Files.write(existing, new byte[4096]);
    BoardPreset target =
        BoardPresetReader.read(
            "t",
            new StringReader(
                "description = test\n"
                    + "[org.flashstack.hw.spinor flash0]\ndevice.name = flash0\nfile = ${dir}/flash0.img\n"
                    + "[org.flashstack.hw.spinor flash9]\ndevice.name = flash9\nfile = ${dir}/flash9.img\n"
                    + "[org.flashstack.partition primary]\npartition.name = primary\nsize = 8M\n"));
    List<BoardConfiguration> now =
        List.of(
            new BoardConfiguration(
                "org.flashstack.hw.spinor",
                "flash0",
                Map.of("device.name", "flash0", "file", existing.toString())),
            new BoardConfiguration(
                "org.flashstack.partition",
                "primary",
                Map.of("partition.name", "primary", "size", "16M")),
            new BoardConfiguration(
                "org.flashstack.hw.spinor",
                "flash1",
                Map.of("device.name", "flash1", "file", "/images/flash1.img")));
    BoardPlan plan =
        BoardPlanner.plan(target, now, value -> value.replace("${dir}", dir.toString()));
    assertEquals(
        List.of(
            BoardChange.Kind.KEEP,
            BoardChange.Kind.ADD,
            BoardChange.Kind.CHANGE,
            BoardChange.Kind.REMOVE),
        plan.changes().stream().map(BoardChange::kind).toList());
    assertFalse(plan.changesNothing());
    assertEquals(
        List.of(
            "flash0: reuses " + existing + " (4 KiB)",
            "flash9: creates " + dir.resolve("flash9.img") + ", every byte erased",
            "flash1: leaves the board; its image /images/flash1.img is kept"),
        plan.images());
    List<String> lines = BoardPlanner.describe(plan);
    assertTrue(lines.contains("  add     org.flashstack.hw.spinor-flash9"), lines.toString());
    assertTrue(lines.contains("  change  org.flashstack.partition-primary"), lines.toString());
    assertTrue(lines.contains("            size: 16M -> 8M"), lines.toString());
    assertTrue(lines.contains("  remove  org.flashstack.hw.spinor-flash1"), lines.toString());
    assertTrue(lines.contains("  keep    1 configuration(s) as they are"), lines.toString());
  }

  @Test
  void aMalformedPresetIsRefusedWithItsLine() {
    assertEquals(
        "preset p, line 2: a section is [<factory pid> <name>], not [org.flashstack.hw.cfi]",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    BoardPresetReader.read(
                        "p", new StringReader("description = x\n[org.flashstack.hw.cfi]\n")))
            .getMessage());
    assertEquals(
        "preset p, line 3: expected key = value, not nonsense",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    BoardPresetReader.read(
                        "p", new StringReader("description = x\n[a b]\nnonsense\n")))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> BoardPresetReader.read("p", new StringReader("[a b]\nk = 1\n[a b]\n")));
    assertThrows(
        IllegalArgumentException.class,
        () -> BoardPresetReader.read("p", new StringReader("[a b]\nk = 1\nk = 2\n")));
    assertThrows(
        IllegalArgumentException.class, () -> BoardPresetReader.read("p", new StringReader("")));
  }
}
