package org.flashstack.shell.internal;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.partitions.table.PartitionRow;
import org.flashstack.partitions.table.PartitionTableException;

/**
 * {@code part:check <file>}: reads a partition table (ESP-IDF CSV or binary, mtdparts), checks it
 * as its own tools would, prints it, and changes nothing.
 */
@Service
@Command(
    scope = "part",
    name = "check",
    description = "Validates a partition table file and prints it; changes nothing")
public class PartCheckCommand extends PartitionTableCommand {

  @Argument(index = 0, name = "file", description = "The table file", required = true)
  @Completion(UserFileCompleter.class)
  String file;

  @Override
  void run() throws Exception {
    byte[] data = InputFiles.read(UserPaths.resolve(session, file));
    PartitionTables.Format kind =
        format == null ? PartitionTables.detect(data) : PartitionTables.Format.named(format);
    PartitionTables.Table table;
    try {
      table = PartitionTables.read(data, kind, device, this::deviceSize, espOptions());
    } catch (PartitionTableException e) {
      throw new UserMistake(file + " (" + kind.word + "): " + e.getMessage());
    }
    warn(table.warnings());
    PartitionTables.print(table.rows(), !noFormat);
    int count = table.rows().values().stream().mapToInt(List::size).sum();
    for (Map.Entry<String, List<PartitionRow>> rows : table.rows().entrySet()) {
      if (!rows.getKey().isEmpty() && deviceSize(rows.getKey()) != null) {
        try (Services.Held<org.flashstack.api.flash.Flash> flash =
            Services.flash(context, rows.getKey())) {
          PartitionTables.checkFits(rows.getKey(), rows.getValue(), flash.get().geometry());
        } catch (PartitionTableException e) {
          throw new UserMistake(file + ": valid " + kind.word + ", but " + e.getMessage());
        }
      }
    }
    System.out.printf(
        "%s: a valid %s table of %d partition%s%n", file, kind.word, count, count == 1 ? "" : "s");
  }
}
