package org.flashstack.board;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flashstack.api.board.BoardConfiguration;
import org.flashstack.api.board.BoardPreset;

/**
 * Reads a preset file: {@code description = ...}, then one section per factory configuration,
 * {@code [<factory pid> <name>]} followed by its {@code key = value} lines, as in a {@code .cfg}
 * file. Comments ({@code #}) and blank lines are skipped. A malformed line is refused with its
 * number.
 */
public final class BoardPresetReader {
  private BoardPresetReader() {}

  /**
   * @param name the preset's name
   * @param source the file's text
   * @throws IllegalArgumentException naming the line and what is wrong with it
   */
  public static BoardPreset read(String name, Reader source) throws IOException {
    String description = null;
    List<BoardConfiguration> configurations = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String pid = null;
    String configurationName = null;
    Map<String, String> properties = null;
    BufferedReader lines = new BufferedReader(source);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      if (text.startsWith("[")) {
        if (!text.endsWith("]")
            || text.substring(1, text.length() - 1).strip().split("\\s+").length != 2) {
          throw malformed(name, number, "a section is [<factory pid> <name>], not " + text);
        }
        if (pid != null) {
          configurations.add(new BoardConfiguration(pid, configurationName, properties));
        }
        String[] words = text.substring(1, text.length() - 1).strip().split("\\s+");
        pid = words[0];
        configurationName = words[1];
        properties = new LinkedHashMap<>();
        if (!ids.add(pid + "-" + configurationName)) {
          throw malformed(
              name, number, "configuration " + pid + " " + configurationName + " is given twice");
        }
        continue;
      }
      int equals = text.indexOf('=');
      if (equals <= 0) {
        throw malformed(name, number, "expected key = value, not " + text);
      }
      String key = text.substring(0, equals).strip();
      String value = text.substring(equals + 1).strip();
      if (pid == null) {
        if (!key.equals("description")) {
          throw malformed(
              name, number, "before the first section only 'description' is allowed, not " + key);
        }
        description = value;
      } else if (properties.put(key, value) != null) {
        throw malformed(name, number, key + " is given twice in " + pid + " " + configurationName);
      }
    }
    if (pid != null) {
      configurations.add(new BoardConfiguration(pid, configurationName, properties));
    }
    if (configurations.isEmpty()) {
      throw new IllegalArgumentException("preset " + name + " has no configurations");
    }
    return new BoardPreset(name, description == null ? name : description, configurations);
  }

  private static IllegalArgumentException malformed(String name, int line, String detail) {
    return new IllegalArgumentException("preset " + name + ", line " + line + ": " + detail);
  }
}
