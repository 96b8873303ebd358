package org.flashstack.shell.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.board.BoardConfiguration;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.partitions.table.EspPartitionTable;
import org.flashstack.partitions.table.EspTableOptions;
import org.flashstack.partitions.table.Mtdparts;
import org.flashstack.partitions.table.PartitionRow;
import org.flashstack.partitions.table.PartitionTableException;

/**
 * {@code part:export <file> | --to-flash <dev>}: writes the partitions in use as an ESP-IDF CSV or
 * binary table or an mtdparts string; or writes the device's ESP-IDF binary table onto the device
 * where ESP-IDF keeps it, after saying what that erases, and only with {@code --confirm}.
 */
@Service
@Command(
    scope = "part",
    name = "export",
    description =
        "Writes the partitions in use as a table file, or as an ESP-IDF table onto a device")
public class PartExportCommand extends PartitionTableCommand {

  @Argument(index = 0, name = "file", description = "The file to write (not with --to-flash)")
  @Completion(UserFileCompleter.class)
  String file;

  @Option(
      name = "--to-flash",
      description = "Write the device's ESP-IDF binary table onto it at --table-offset")
  @Completion(FlashDeviceCompleter.class)
  String toFlash;

  @Option(name = "--disable-md5sum", description = "No MD5 entry in an ESP-IDF binary")
  boolean noMd5;

  @Option(
      name = "--no-verify",
      description = "Write an ESP-IDF table even where gen_esp32part.py's rules refuse it")
  boolean noVerify;

  @Option(name = "--confirm", description = "With --to-flash: write (and erase) as shown")
  boolean confirm;

  @Override
  void run() throws Exception {
    if ((file == null) == (toFlash == null)) {
      throw new UserMistake("give a file to write or --to-flash <device>, one of the two");
    }
    if (toFlash != null) {
      if (device != null && !device.equals(toFlash)) {
        throw new UserMistake("--to-flash " + toFlash + " writes " + toFlash + "'s own table");
      }
      toFlash();
      return;
    }
    PartitionTables.Format kind =
        format == null ? byExtension(file) : PartitionTables.Format.named(format);
    List<BoardConfiguration> current = boards.current();
    List<String> devices =
        device != null ? List.of(device) : PartitionTables.devicesWithPartitions(current);
    if (devices.isEmpty()) {
      throw new UserMistake("no device has partitions to export");
    }
    byte[] bytes;
    try {
      if (kind == PartitionTables.Format.MTDPARTS) {
        List<String> definitions = new ArrayList<>();
        for (String name : devices) {
          definitions.add(
              Mtdparts.format(name, PartitionTables.rowsOf(current, name))
                  .substring("mtdparts=".length()));
        }
        bytes =
            ("mtdparts=" + String.join(";", definitions) + "\n").getBytes(StandardCharsets.UTF_8);
      } else {
        if (devices.size() != 1) {
          throw new UserMistake(
              "an ESP-IDF table is one device's; give --device (partitions on "
                  + String.join(", ", devices)
                  + ")");
        }
        EspPartitionTable table = espTable(current, devices.get(0));
        bytes =
            kind == PartitionTables.Format.ESP_IDF_CSV
                ? table.toCsv().getBytes(StandardCharsets.UTF_8)
                : table.toBinary(!noMd5);
      }
    } catch (PartitionTableException e) {
      throw new UserMistake(e.getMessage());
    }
    Path target = OutputFiles.target(UserPaths.resolve(session, file));
    byte[] written = bytes;
    OutputFiles.write(target, stream -> stream.write(written));
    System.out.printf(
        "%s: %s table of %s written (%d bytes)%n",
        target, kind.word, String.join(", ", devices), bytes.length);
  }

  private static PartitionTables.Format byExtension(String name) {
    String lower = PartitionTables.lower(name);
    if (lower.endsWith(".csv")) {
      return PartitionTables.Format.ESP_IDF_CSV;
    }
    if (lower.endsWith(".bin")) {
      return PartitionTables.Format.ESP_IDF_BIN;
    }
    if (lower.endsWith(".mtdparts") || lower.endsWith(".txt")) {
      return PartitionTables.Format.MTDPARTS;
    }
    throw new UserMistake(
        "say --format esp-idf-csv, esp-idf-bin or mtdparts (the file's name does not say)");
  }

  /** The device's partitions as an ESP-IDF table, checked by the tool's rules unless told not. */
  private EspPartitionTable espTable(List<BoardConfiguration> current, String name)
      throws PartitionTableException {
    List<PartitionRow> rows = PartitionTables.rowsOf(current, name);
    if (rows.isEmpty()) {
      throw new PartitionTableException(name + " has no partitions to export");
    }
    EspPartitionTable table = EspPartitionTable.of(rows.stream().map(PartitionRow::toEsp).toList());
    if (!noVerify) {
      try {
        table.verify(espOptions());
      } catch (PartitionTableException e) {
        throw new PartitionTableException(
            name
                + "'s partitions are not a table ESP-IDF accepts: "
                + e.getMessage()
                + " (--no-verify writes it anyway)");
      }
    }
    return table;
  }

  private void toFlash() throws Exception {
    EspTableOptions options = espOptions();
    long at = options.tableOffset();
    byte[] image;
    try {
      image = espTable(boards.current(), toFlash).toBinary(!noMd5);
    } catch (PartitionTableException e) {
      throw new UserMistake(e.getMessage());
    }
    try (Services.Held<Flash> held = Services.flash(context, toFlash)) {
      Flash flash = held.get();
      FlashGeometry geometry = flash.geometry();
      if (at + image.length > geometry.size()) {
        throw new UserMistake(
            String.format(
                "%s ends before 0x%x; the table does not fit there", toFlash, at + image.length));
      }
      long first = geometry.blockStart(at);
      long last = geometry.blockStart(at + image.length - 1);
      long end = last + geometry.blockSizeAt(last);
      byte[] now = new byte[image.length];
      flash.read(at, now, 0, now.length);
      boolean same = Arrays.equals(now, image);
      boolean needsErase = false;
      for (int i = 0; i < image.length; i++) {
        if ((now[i] & image[i]) != image[i]) {
          needsErase = true;
          break;
        }
      }
      List<String> inside = new ArrayList<>();
      for (PartitionRow row : PartitionTables.rowsOf(boards.current(), toFlash)) {
        if (row.offset() < at + EspTableOptions.TABLE_SECTOR && at < row.end()) {
          inside.add(row.name());
        }
      }
      if (same) {
        System.out.printf("%s holds this table at 0x%x already; nothing to write.%n", toFlash, at);
        return;
      }
      System.out.printf(
          "%s %d bytes of ESP-IDF partition table at 0x%x-0x%x of %s.%n",
          confirm ? "Writing" : "Would write", image.length, at, at + image.length - 1, toFlash);
      if (needsErase) {
        System.out.printf(
            "%s block%s 0x%x-0x%x (%s), keeping every byte of %s outside the table's %d bytes.%n",
            confirm ? "Erasing" : "That erases",
            first == last ? "" : "s",
            first,
            end - 1,
            ByteSizes.format(end - first),
            first == last ? "the block" : "those blocks",
            image.length);
      } else {
        System.out.println("The cells there are erased: nothing else is erased.");
      }
      if (!inside.isEmpty()) {
        System.out.printf(
            "The table's sector 0x%x-0x%x lies inside partition%s %s: %s bytes there change.%n",
            at,
            at + EspTableOptions.TABLE_SECTOR - 1,
            inside.size() == 1 ? "" : "s",
            String.join(", ", inside),
            inside.size() == 1 ? "its" : "their");
      }
      if (!confirm) {
        System.out.println("Nothing was written; add --confirm to write it.");
        return;
      }
      long erased = flash.update(at, image, 0, image.length);
      byte[] back = new byte[image.length];
      flash.read(at, back, 0, back.length);
      if (!Arrays.equals(image, back)) {
        throw new IllegalStateException(
            toFlash + ": the table read back differs from what was written");
      }
      System.out.printf(
          "Written and verified: %d bytes at 0x%x of %s (%s erased).%n",
          image.length, at, toFlash, ByteSizes.format(erased));
    }
  }
}
