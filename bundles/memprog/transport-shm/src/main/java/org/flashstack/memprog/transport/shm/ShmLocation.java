package org.flashstack.memprog.transport.shm;

import java.io.IOException;
import java.nio.file.Path;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.memprog.TargetLink;
import org.flashstack.memprog.protocol.FixedLink;
import org.flashstack.memprog.protocol.MemProgParam;

/**
 * A shared-memory target's location, as {@code shm:} URIs give it: {@code
 * <file>?base=0x20000000&param=0x20000000}. {@code base} is the target address of the file's first
 * byte (0 if left out); {@code param} is where MEMPROG_PARAM is (QUERY_CAP cannot tell; {@code
 * base} if left out).
 *
 * @param file the shared file
 * @param base the target address of its first byte
 * @param param MEMPROG_PARAM's target address
 */
public record ShmLocation(Path file, long base, long param) {

  /** What a location looks like, for messages. */
  public static final String SYNTAX = "shm:<file>?base=0x20000000&param=0x20000000";

  /**
   * Reads a location (the URI after {@code shm:}).
   *
   * @throws IllegalArgumentException naming what is wrong and showing {@link #SYNTAX}
   */
  public static ShmLocation parse(String location) {
    int query = location.indexOf('?');
    String path = query < 0 ? location : location.substring(0, query);
    if (path.startsWith("//")) {
      path = path.substring(2);
    }
    if (path.isBlank()) {
      throw new IllegalArgumentException("shm: needs a file, as in " + SYNTAX);
    }
    Long base = null;
    Long param = null;
    if (query >= 0) {
      for (String pair : location.substring(query + 1).split("&")) {
        int equals = pair.indexOf('=');
        String key = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        switch (key) {
          case "base" -> base = ByteSizes.parse(value, "shm: base");
          case "param" -> param = ByteSizes.parse(value, "shm: param");
          default ->
              throw new IllegalArgumentException(
                  "shm: knows base= and param=, not '" + key + "', as in " + SYNTAX);
        }
      }
    }
    long b = base == null ? 0 : base;
    return new ShmLocation(Path.of(path), b, param == null ? b : param);
  }

  /**
   * Maps the file and links to the target whose PARAM this location names.
   *
   * @throws IOException if the file cannot be mapped
   * @throws IndexOutOfBoundsException if PARAM lies outside the file
   */
  public TargetLink open() throws IOException {
    SharedMemoryFile memory = SharedMemoryFile.open(file, base);
    try {
      memory.window().index(param, MemProgParam.SIZE);
    } catch (IndexOutOfBoundsException e) {
      memory.close();
      throw new IllegalArgumentException(
          String.format("param=0x%08x: MEMPROG_PARAM would lie outside %s", param, memory), e);
    }
    return new FixedLink(memory, param, uri(), memory::close);
  }

  /**
   * @return the location as {@code shm:} URI
   */
  public String uri() {
    return String.format("shm:%s?base=0x%08x&param=0x%08x", file, base, param);
  }
}
