package org.flashstack.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the files users give commands, saying in words what is wrong with one that cannot be. */
final class InputFiles {
  private InputFiles() {}

  /** The largest file a command reads at once. */
  static final long LIMIT = 1L << 30;

  static byte[] read(Path requested) throws IOException {
    Path file = requested.toAbsolutePath().normalize();
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + " is a directory, not a file");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " is not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read " + file + ": permission denied");
    }
    if (Files.size(file) > LIMIT) {
      throw new IllegalArgumentException(
          file + " has " + Files.size(file) + " bytes, more than any device here holds");
    }
    return Files.readAllBytes(file);
  }
}
