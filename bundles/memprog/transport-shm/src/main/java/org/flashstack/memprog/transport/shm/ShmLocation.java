package org.flashstack.memprog.transport.shm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.flashstack.api.memprog.TargetLink;
import org.flashstack.memprog.protocol.FixedLink;
import org.flashstack.memprog.protocol.LinkLocation;
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
    LinkLocation parsed = LinkLocation.parse(location, "shm", List.of("base", "param"), SYNTAX);
    String path = parsed.where().startsWith("//") ? parsed.where().substring(2) : parsed.where();
    if (path.isBlank()) {
      throw new IllegalArgumentException("shm: needs a file, as in " + SYNTAX);
    }
    long base = parsed.number("base", 0);
    return new ShmLocation(Path.of(path), base, parsed.number("param", base));
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
