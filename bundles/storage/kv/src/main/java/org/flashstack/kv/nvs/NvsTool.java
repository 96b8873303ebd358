package org.flashstack.kv.nvs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code ./flashstack nvs}: NVS partition images without Karaf. {@code generate <csv> <out> <size>}
 * builds an image as {@code nvs_partition_gen.py generate} does; {@code dump <image>} prints its
 * pages, namespaces and every value, and what ESP-IDF would skip. Exit status 2 for bad input.
 */
public final class NvsTool {
  private NvsTool() {}

  static final String USAGE =
      "usage: ./flashstack nvs generate <input.csv> <output.bin> <size>\n"
          + "       ./flashstack nvs dump <image.bin>\n"
          + "size: bytes, a multiple of 4096 and at least 0x3000 (decimal, or 0x hexadecimal)";

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length == 4 && args[0].equals("generate")) {
        int size = size(args[3]);
        byte[] image = NvsCsv.generate(Path.of(args[1]), size);
        Files.write(Path.of(args[2]), image);
        out.println("Created NVS binary: ===> " + args[2]);
        return 0;
      }
      if (args.length == 2 && args[0].equals("dump")) {
        dump(NvsImageReader.read(Files.readAllBytes(Path.of(args[1]))), out);
        return 0;
      }
      err.println(USAGE);
      return 2;
    } catch (NvsException e) {
      err.println("nvs: " + e.getMessage());
      return 2;
    } catch (NoSuchFileException e) {
      err.println("nvs: no such file: " + e.getFile());
      return 2;
    } catch (IOException | IllegalArgumentException e) {
      err.println("nvs: " + e.getMessage());
      return 2;
    }
  }

  static int size(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      long size = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("size " + text + " is too large");
      }
      return (int) size;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "size '" + text + "' is not a number (write 0x6000 or 24576)");
    }
  }

  static void dump(NvsImageReader.Contents contents, PrintStream out) {
    out.printf("Pages: %s%n", String.join(" ", contents.pageStates()));
    out.printf(
        "Entries: %d used, %d erased, %d free%n",
        contents.usedEntries(), contents.erasedEntries(), contents.freeEntries());
    out.println("Namespaces:");
    contents.namespaces().forEach((name, index) -> out.printf("  %3d %s%n", index, name));
    out.println("Values:");
    for (NvsItem item : contents.items()) {
      out.printf(
          "  %s %s %s %s%n", item.namespace(), item.key(), item.typeName(), item.valueText());
    }
    if (!contents.problems().isEmpty()) {
      out.println("Skipped, as ESP-IDF skips them:");
      contents.problems().forEach(problem -> out.println("  " + problem));
    }
  }
}
