package org.flashstack.kv.nvs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The CSV {@code nvs_partition_gen.py generate} reads, turned into an image: a header row ({@code
 * key,type,encoding,value}), then one row per namespace or item. {@code type} is {@code namespace}
 * (encoding and value empty), {@code data} (the value is in the row) or {@code file} (the value is
 * a file, relative to the CSV's directory). Encodings: {@code u8 i8 u16 i16 u32 i32 u64 i64}
 * (decimal or 0x hexadecimal), {@code string} (a string item), {@code hex2bin} and {@code base64}
 * (a blob of the decoded bytes), {@code binary} (a blob of the bytes as they are). Lines starting
 * with {@code #} and blank lines are skipped; values may be double-quoted.
 */
public final class NvsCsv {
  private NvsCsv() {}

  /**
   * Builds the image of {@code csv} into a partition of {@code size} bytes.
   *
   * @throws NvsException naming the line, for a row the generator refuses
   * @throws IOException if the CSV or a file it names cannot be read
   */
  public static byte[] generate(Path csv, int size) throws IOException, NvsException {
    String text = Files.readString(csv, StandardCharsets.UTF_8);
    Path directory = csv.toAbsolutePath().getParent();
    NvsImageBuilder builder = new NvsImageBuilder(size);
    boolean header = true;
    for (Row row : rows(text)) {
      List<String> cells = row.cells();
      if (cells.size() == 1 && cells.get(0).isBlank()
          || cells.get(0).stripLeading().startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        if (cells.get(0).trim().equalsIgnoreCase("key")) {
          continue; // the column header
        }
      }
      try {
        row(builder, new ArrayList<>(cells), directory);
      } catch (NvsException e) {
        throw new NvsException(
            e.espError(), csv.getFileName() + " line " + row.line() + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new NvsException(
            "ESP_ERR_INVALID_ARG",
            csv.getFileName() + " line " + row.line() + ": " + e.getMessage());
      }
    }
    return builder.build();
  }

  /** A CSV record and the line it starts on. */
  record Row(int line, List<String> cells) {}

  /**
   * Splits CSV text into records as RFC 4180 (and Python's csv module) do: commas separate cells, a
   * double-quoted cell may hold commas, line breaks and doubled quotes. Written here rather than
   * taken from a library so that the generator runs from this one jar, without Karaf.
   */
  static List<Row> rows(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    int line = 1;
    int start = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        cells.add(cell.toString());
        cell.setLength(0);
        rows.add(new Row(start, List.copyOf(cells)));
        cells.clear();
        line++;
        start = line;
      } else {
        cell.append(c);
      }
    }
    if (cell.length() > 0 || !cells.isEmpty()) {
      cells.add(cell.toString());
      rows.add(new Row(start, List.copyOf(cells)));
    }
    return rows;
  }

  private static void row(NvsImageBuilder builder, List<String> cells, Path directory)
      throws IOException, NvsException {
    while (cells.size() < 4) {
      cells.add("");
    }
    String key = cells.get(0).trim();
    String type = cells.get(1).trim().toLowerCase(Locale.ROOT);
    String encoding = cells.get(2).trim().toLowerCase(Locale.ROOT);
    String value = cells.get(3);
    if (cells.size() > 4 && cells.subList(4, cells.size()).stream().anyMatch(c -> !c.isBlank())) {
      throw new IllegalArgumentException("a row has 4 cells: key,type,encoding,value");
    }
    switch (type) {
      case "namespace" -> builder.namespace(key);
      case "data" -> data(builder, key, encoding, value);
      case "file" -> file(builder, key, encoding, directory.resolve(value.trim()));
      default ->
          throw new IllegalArgumentException("type '" + type + "' is not namespace, data or file");
    }
  }

  private static void data(NvsImageBuilder builder, String key, String encoding, String value)
      throws NvsException {
    NvsType integer = NvsType.named(encoding);
    if (integer != null && integer.isInteger()) {
      builder.put(key, integer, number(value.trim(), integer));
      return;
    }
    switch (encoding) {
      case "string" -> builder.putString(key, value);
      case "hex2bin" -> builder.putBlob(key, hex(value.trim()));
      case "base64" -> builder.putBlob(key, Base64.getDecoder().decode(value.trim()));
      case "binary" -> builder.putBlob(key, value.getBytes(StandardCharsets.UTF_8));
      default -> throw new IllegalArgumentException("encoding '" + encoding + "' is not known");
    }
  }

  private static void file(NvsImageBuilder builder, String key, String encoding, Path file)
      throws IOException, NvsException {
    byte[] content = Files.readAllBytes(file);
    switch (encoding) {
      case "string" -> builder.putString(key, new String(content, StandardCharsets.UTF_8));
      case "hex2bin" ->
          builder.putBlob(key, hex(new String(content, StandardCharsets.US_ASCII).strip()));
      case "base64" ->
          builder.putBlob(
              key,
              Base64.getMimeDecoder()
                  .decode(new String(content, StandardCharsets.US_ASCII).strip()));
      case "binary" -> builder.putBlob(key, content);
      default ->
          throw new IllegalArgumentException(
              "a file value takes encoding string, hex2bin, base64 or binary, not '"
                  + encoding
                  + "'");
    }
  }

  private static byte[] hex(String text) {
    if (text.length() % 2 != 0) {
      throw new IllegalArgumentException("hex2bin value has an odd number of digits");
    }
    return HexFormat.of().parseHex(text);
  }

  static long number(String text, NvsType type) throws NvsException {
    long value;
    try {
      boolean hex = text.startsWith("0x") || text.startsWith("0X");
      if (type == NvsType.U64) {
        value = Long.parseUnsignedLong(hex ? text.substring(2) : text, hex ? 16 : 10);
      } else {
        value = hex ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number");
    }
    NvsImageBuilder.checkRange("value", type, value);
    return value;
  }
}
