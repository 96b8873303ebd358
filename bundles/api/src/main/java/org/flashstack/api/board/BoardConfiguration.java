package org.flashstack.api.board;

import java.util.Map;
import java.util.TreeMap;

/**
 * One factory configuration of a board: {@code etc/<factoryPid>-<name>.cfg}.
 *
 * @param factoryPid e.g. {@code org.flashstack.hw.spinor}
 * @param name the configuration's name, e.g. {@code flash0}
 * @param properties its properties, as strings, sorted
 */
public record BoardConfiguration(String factoryPid, String name, Map<String, String> properties) {

  /** Copies and sorts the properties. */
  public BoardConfiguration {
    properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
  }

  /**
   * @return {@code factoryPid-name}, as its file is named
   */
  public String id() {
    return factoryPid + "-" + name;
  }
}
