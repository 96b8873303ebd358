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
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    Path directory = csv.toAbsolutePath().getParent();
    NvsImageBuilder builder = new NvsImageBuilder(size);
    boolean header = true;
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1);
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      List<String> cells = cells(line);
      if (header) {
        header = false;
        if (!cells.isEmpty() && cells.get(0).trim().equalsIgnoreCase("key")) {
          continue; // the column header
        }
      }
      try {
        row(builder, cells, directory);
      } catch (NvsException e) {
        throw new NvsException(
            e.espError(), csv.getFileName() + " line " + number + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new NvsException(
            "ESP_ERR_INVALID_ARG", csv.getFileName() + " line " + number + ": " + e.getMessage());
      }
    }
    return builder.build();
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

  /** Splits a CSV line on commas outside double quotes ("" is a quote). */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
