package org.flashstack.memprog.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The records of a text image file: its non-blank lines, each with its place for messages. */
final class TextRecords {
  private TextRecords() {}

  /**
   * One record.
   *
   * @param text the line without surrounding blanks
   * @param where {@code "name line 12"}
   */
  record Line(String text, String where) {}

  /**
   * @return the non-blank lines of {@code file}, whatever its line ends (CR LF, LF, CR)
   */
  static List<Line> of(byte[] file, String name) {
    String[] lines = new String(file, StandardCharsets.US_ASCII).split("\r\n|\n|\r", -1);
    List<Line> records = new ArrayList<>();
    for (int n = 0; n < lines.length; n++) {
      String text = lines[n].strip();
      if (!text.isEmpty()) {
        records.add(new Line(text, name + " line " + (n + 1)));
      }
    }
    return records;
  }
}
