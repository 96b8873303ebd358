package org.flashstack.shell.internal;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.board.BoardConfiguration;
import org.flashstack.api.board.BoardException;
import org.flashstack.api.board.BoardPlan;
import org.flashstack.api.board.BoardPreset;
import org.flashstack.api.flash.Flash;
import org.flashstack.board.BoardPlanner;
import org.flashstack.partitions.table.EspPartitionTable;
import org.flashstack.partitions.table.PartitionRow;
import org.flashstack.partitions.table.PartitionTableException;

/**
 * {@code part:import <file> | --from-flash <dev>}: makes a table the partitions of its device. It
 * says exactly what changes against the partitions in use (added, changed key by key, removed) and
 * changes nothing without {@code --confirm}; with it, the change is carried out as a board change
 * (nothing removed until every new partition is up, the old ones put back otherwise).
 */
@Service
@Command(
    scope = "part",
    name = "import",
    description =
        "Makes a partition table (file or on the flash) the partitions of its device; with"
            + " --confirm")
public class PartImportCommand extends PartitionTableCommand {

  @Argument(index = 0, name = "file", description = "The table file (not with --from-flash)")
  @Completion(UserFileCompleter.class)
  String file;

  @Option(
      name = "--from-flash",
      description = "Read the ESP-IDF binary table the device holds at --table-offset")
  @Completion(FlashDeviceCompleter.class)
  String fromFlash;

  @Option(name = "--confirm", description = "Carry out the changes shown")
  boolean confirm;

  @Option(
      name = "--timeout",
      description = "How long the new partitions may take to come up, in ms (30000)")
  long timeoutMillis = 30_000;

  @Override
  void run() throws Exception {
    if ((file == null) == (fromFlash == null)) {
      throw new UserMistake("give a table file or --from-flash <device>, one of the two");
    }
    PartitionTables.Table table = fromFlash != null ? readFlash() : readFile();
    warn(table.warnings());
    if (table.rows().size() != 1) {
      throw new UserMistake(
          "the table is for "
              + String.join(", ", table.rows().keySet())
              + "; import one device at a time (--device with a one-device mtdparts string)");
    }
    Map.Entry<String, List<PartitionRow>> only = table.rows().entrySet().iterator().next();
    String target = only.getKey();
    if (target.isEmpty()) {
      throw new UserMistake("an ESP-IDF table does not name its device; give --device <device>");
    }
    List<PartitionRow> rows = only.getValue();
    List<BoardConfiguration> current = boards.current();
    BoardPreset board;
    try (Services.Held<Flash> flash = Services.flash(context, target)) {
      PartitionTables.checkFits(target, rows, flash.get().geometry());
      board = PartitionTables.importedBoard("partition table of " + target, current, target, rows);
    } catch (PartitionTableException e) {
      throw new UserMistake(e.getMessage());
    }
    BoardPlan plan;
    try {
      plan = boards.plan(board);
    } catch (BoardException e) {
      throw new UserMistake(e.getMessage());
    }
    if (plan.changesNothing()) {
      System.out.println(
          "The partitions of " + target + " are this table already; nothing to change.");
      return;
    }
    System.out.println(
        (confirm ? "Importing onto " + target + ": " : "Importing onto " + target + " would: ")
            + "(partition configurations in etc/; no flash byte is written)");
    BoardPlanner.describe(plan).stream()
        .filter(line -> !line.isBlank())
        .forEach(System.out::println);
    if (!confirm) {
      System.out.println("Nothing was changed; add --confirm to import it.");
      return;
    }
    try {
      boards.apply(board, timeoutMillis);
    } catch (BoardException e) {
      throw new UserMistake(e.getMessage());
    }
    System.out.printf("Imported: %d partition(s) of %s are up.%n", rows.size(), target);
  }

  private PartitionTables.Table readFile() throws Exception {
    byte[] data = InputFiles.read(UserPaths.resolve(session, file));
    PartitionTables.Format kind =
        format == null ? PartitionTables.detect(data) : PartitionTables.Format.named(format);
    try {
      return PartitionTables.read(data, kind, device, this::deviceSize, espOptions());
    } catch (PartitionTableException e) {
      throw new UserMistake(file + " (" + kind.word + "): " + e.getMessage());
    }
  }

  private PartitionTables.Table readFlash() throws Exception {
    if (device != null && !device.equals(fromFlash)) {
      throw new UserMistake("--from-flash " + fromFlash + " imports onto " + fromFlash + " itself");
    }
    long at = espOptions().tableOffset();
    byte[] data = new byte[EspPartitionTable.MAX_LENGTH];
    try (Services.Held<Flash> flash = Services.flash(context, fromFlash)) {
      if (at + data.length > flash.get().geometry().size()) {
        throw new UserMistake(
            String.format("%s has no table at 0x%x: the device ends before it", fromFlash, at));
      }
      flash.get().read(at, data, 0, data.length);
    }
    if (!EspPartitionTable.isBinary(data)) {
      throw new UserMistake(
          String.format(
              "%s holds no ESP-IDF partition table at 0x%x (it starts %02x %02x, not aa 50)",
              fromFlash, at, data[0] & 0xff, data[1] & 0xff));
    }
    try {
      return PartitionTables.read(
          data, PartitionTables.Format.ESP_IDF_BIN, fromFlash, this::deviceSize, espOptions());
    } catch (PartitionTableException e) {
      throw new UserMistake(String.format("%s at 0x%x: %s", fromFlash, at, e.getMessage()));
    }
  }
}
