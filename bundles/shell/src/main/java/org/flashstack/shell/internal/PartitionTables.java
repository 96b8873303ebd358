package org.flashstack.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.board.BoardConfiguration;
import org.flashstack.api.board.BoardPreset;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.partitions.table.EspPartitionTable;
import org.flashstack.partitions.table.EspPartitionTypes;
import org.flashstack.partitions.table.EspTableOptions;
import org.flashstack.partitions.table.Mtdparts;
import org.flashstack.partitions.table.NativePartitions;
import org.flashstack.partitions.table.PartitionRow;
import org.flashstack.partitions.table.PartitionTableException;

/**
 * What {@code part:check}, {@code part:import} and {@code part:export} share: the formats and how a
 * file's is told, reading a table into rows per device, the partitions of the board in use, and the
 * board an import makes.
 */
final class PartitionTables {
  private PartitionTables() {}

  /** Driver numbers given to imported partitions that had none start here. */
  static final long FIRST_IMPORTED_DRIVER_NUMBER = 0x80000100L;

  /** The table forms. */
  enum Format {
    ESP_IDF_CSV("esp-idf-csv"),
    ESP_IDF_BIN("esp-idf-bin"),
    MTDPARTS("mtdparts");

    final String word;

    Format(String word) {
      this.word = word;
    }

    static Format named(String word) {
      for (Format format : values()) {
        if (format.word.equals(word)) {
          return format;
        }
      }
      throw new IllegalArgumentException(
          "unknown table format '" + word + "'; use esp-idf-csv, esp-idf-bin or mtdparts");
    }
  }

  /**
   * The form of a file: ESP-IDF binary if it starts with AA 50 (as gen_esp32part.py decides),
   * mtdparts if its first line that is not a comment has a ':' before any ',', else ESP-IDF CSV.
   */
  static Format detect(byte[] data) {
    if (EspPartitionTable.isBinary(data)) {
      return Format.ESP_IDF_BIN;
    }
    String text = new String(data, java.nio.charset.StandardCharsets.UTF_8).replace("\ufeff", "");
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      int comma = trimmed.indexOf(',');
      return colon >= 0 && (comma < 0 || colon < comma) ? Format.MTDPARTS : Format.ESP_IDF_CSV;
    }
    return Format.ESP_IDF_CSV;
  }

  /** A table read: its rows by device ("" where the table names none), and what was noticed. */
  record Table(Format format, Map<String, List<PartitionRow>> rows, List<String> warnings) {}

  /**
   * Reads {@code data} in {@code format}: ESP-IDF tables are checked by gen_esp32part.py's rules
   * and are for {@code device} ("" if none given); mtdparts strings name their devices (or {@code
   * device}, when the string has one), whose sizes {@code sizes} gives (null for a device that is
   * not here).
   */
  static Table read(
      byte[] data,
      Format format,
      String device,
      Function<String, Long> sizes,
      EspTableOptions options)
      throws PartitionTableException {
    Map<String, List<PartitionRow>> rows = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    if (format == Format.MTDPARTS) {
      List<Mtdparts.Device> devices =
          Mtdparts.parse(new String(data, java.nio.charset.StandardCharsets.UTF_8));
      for (Mtdparts.Device parsed : devices) {
        String target = device != null && devices.size() == 1 ? device : parsed.mtdId();
        Long size = sizes.apply(target);
        if (size == null) {
          size = explicitEnd(parsed, target);
        }
        rows.put(target, Mtdparts.resolve(parsed, size));
      }
      return new Table(format, rows, warnings);
    }
    EspPartitionTable table =
        format == Format.ESP_IDF_BIN
            ? EspPartitionTable.parseBinary(data, options)
            : EspPartitionTable.parseCsv(data, options);
    warnings.addAll(table.warnings());
    if (options.verify()) {
      table.verify(options);
    }
    rows.put(
        device == null ? "" : device, table.entries().stream().map(PartitionRow::fromEsp).toList());
    return new Table(format, rows, warnings);
  }

  /** For a device that is not here: how far its explicitly sized partitions reach. */
  private static long explicitEnd(Mtdparts.Device parsed, String target)
      throws PartitionTableException {
    long end = 0;
    long offset = 0;
    for (Mtdparts.Part part : parsed.parts()) {
      if (part.size() == Mtdparts.REMAINING) {
        throw new PartitionTableException(
            "mtdparts: "
                + target
                + ": no such device here, and '-' needs its size (name the device with --device)");
      }
      offset = part.offset() == Mtdparts.CONTINUOUS ? offset : part.offset();
      offset += part.size();
      end = Math.max(end, offset);
    }
    return end;
  }

  /** Prints rows as a table. */
  static void print(Map<String, List<PartitionRow>> rows, boolean format) {
    ShellTable table = new ShellTable();
    for (String column :
        List.of("Device", "Name", "Offset", "Size", "End", "Flags", "ESP-IDF type")) {
      table.column(column);
    }
    for (Map.Entry<String, List<PartitionRow>> device : rows.entrySet()) {
      for (PartitionRow row : device.getValue()) {
        List<String> flags = new ArrayList<>();
        if (row.readOnly()) {
          flags.add("read-only");
        }
        if (row.encrypted()) {
          flags.add("encrypted");
        }
        if (row.powerUpLock()) {
          flags.add("lk");
        }
        table
            .addRow()
            .addContent(
                device.getKey().isEmpty() ? "-" : device.getKey(),
                row.name(),
                String.format("0x%08x", row.offset()),
                ByteSizes.format(row.size()),
                String.format("0x%08x", row.end()),
                flags.isEmpty() ? "rw" : String.join(",", flags),
                row.espType() == null
                    ? "-"
                    : EspPartitionTypes.typeName(row.espType())
                            .orElse(String.format("0x%02x", row.espType()))
                        + "/"
                        + EspPartitionTypes.subtypeName(row.espType(), row.espSubtype())
                            .orElse(String.format("0x%02x", row.espSubtype())));
      }
    }
    table.print(System.out, format);
  }

  /**
   * @return the partition configurations of the board in use
   */
  static List<BoardConfiguration> partitions(List<BoardConfiguration> current) {
    return current.stream()
        .filter(c -> c.factoryPid().equals(NativePartitions.FACTORY_PID))
        .toList();
  }

  /**
   * @return the rows of {@code device}'s partitions on the board in use, by offset
   */
  static List<PartitionRow> rowsOf(List<BoardConfiguration> current, String device)
      throws PartitionTableException {
    List<PartitionRow> rows = new ArrayList<>();
    for (BoardConfiguration c : partitions(current)) {
      if (device.equals(NativePartitions.device(c.properties()))) {
        rows.add(NativePartitions.fromConfiguration(c.properties()));
      }
    }
    rows.sort(Comparator.comparingLong(PartitionRow::offset));
    return rows;
  }

  /**
   * @return the devices that have partitions on the board in use, sorted
   */
  static List<String> devicesWithPartitions(List<BoardConfiguration> current) {
    return partitions(current).stream()
        .map(c -> NativePartitions.device(c.properties()))
        .filter(java.util.Objects::nonNull)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * Checks rows against the device they go on: inside it, both ends on erase block boundaries,
   * names a partition may have.
   */
  static void checkFits(String device, List<PartitionRow> rows, FlashGeometry geometry)
      throws PartitionTableException {
    for (PartitionRow row : rows) {
      if (!row.name().matches("[A-Za-z0-9_.-]+")) {
        throw new PartitionTableException(
            String.format(
                "partition '%s': a FlashStack partition name is letters, digits, '_', '.' and '-'",
                row.name()));
      }
      if (row.end() > geometry.size()) {
        throw new PartitionTableException(
            String.format(
                "partition %s (0x%x-0x%x) does not fit %s (%s)",
                row.name(),
                row.offset(),
                row.end() - 1,
                device,
                ByteSizes.format(geometry.size())));
      }
      for (long edge : new long[] {row.offset(), row.end()}) {
        if (!geometry.isBlockBoundary(edge)) {
          throw new PartitionTableException(
              String.format(
                  "partition %s: 0x%x is not on an erase block boundary of %s (blocks of %s there)",
                  row.name(), edge, device, ByteSizes.format(geometry.blockSizeAt(edge))));
        }
      }
    }
  }

  /**
   * The board in use with {@code device}'s partitions replaced by {@code rows}: a partition that
   * keeps its name keeps its configuration and driver number; a new one gets the next free number
   * from {@link #FIRST_IMPORTED_DRIVER_NUMBER}.
   *
   * @throws PartitionTableException if a name is taken by a partition of another device
   */
  static BoardPreset importedBoard(
      String title, List<BoardConfiguration> current, String device, List<PartitionRow> rows)
      throws PartitionTableException {
    Map<String, BoardConfiguration> byPartition = new HashMap<>();
    Set<Long> numbers = new HashSet<>();
    for (BoardConfiguration c : partitions(current)) {
      byPartition.put(c.properties().get(NativePartitions.NAME), c);
    }
    Set<String> names = new HashSet<>();
    for (PartitionRow row : rows) {
      if (!names.add(row.name())) {
        throw new PartitionTableException("partition name '" + row.name() + "' is given twice");
      }
      BoardConfiguration existing = byPartition.get(row.name());
      String elsewhere = existing == null ? null : NativePartitions.device(existing.properties());
      if (existing != null && !device.equals(elsewhere)) {
        throw new PartitionTableException(
            String.format(
                "partition name '%s' is taken by a partition of %s; names are unique on the board",
                row.name(), elsewhere));
      }
    }
    for (BoardConfiguration c : partitions(current)) {
      boolean replaced = device.equals(NativePartitions.device(c.properties()));
      if (!replaced || names.contains(c.properties().get(NativePartitions.NAME))) {
        numbers.add(NativePartitions.driverNumber(c.properties()));
      }
    }
    List<BoardConfiguration> board = new ArrayList<>();
    for (BoardConfiguration c : current) {
      if (!c.factoryPid().equals(NativePartitions.FACTORY_PID)
          || !device.equals(NativePartitions.device(c.properties()))) {
        board.add(c);
      }
    }
    long next = FIRST_IMPORTED_DRIVER_NUMBER;
    for (PartitionRow row : rows) {
      BoardConfiguration existing = byPartition.get(row.name());
      long number;
      String configurationName;
      if (existing != null
          && NativePartitions.fromConfiguration(existing.properties()).equals(row)) {
        board.add(existing);
        continue;
      }
      if (existing != null) {
        number = NativePartitions.driverNumber(existing.properties());
        configurationName = existing.name();
      } else {
        while (numbers.contains(next)) {
          next++;
        }
        number = next;
        numbers.add(number);
        configurationName = row.name();
      }
      board.add(
          new BoardConfiguration(
              NativePartitions.FACTORY_PID,
              configurationName,
              NativePartitions.toConfiguration(row, device, number)));
    }
    return new BoardPreset(title, "partition table imported onto " + device, board);
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
