package org.flashstack.shell.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where commands write files for the user ({@code --out}): the target is checked first (a
 * directory, a missing directory or a parent that is a file is refused in words), the bytes go to a
 * temporary file beside it, which replaces the target only when everything was written, and is
 * removed on any failure, so no partial file is ever left.
 */
final class OutputFiles {
  private OutputFiles() {}

  /** Writes the bytes of one command's output. */
  @FunctionalInterface
  interface Writer {
    void write(OutputStream stream) throws Exception;
  }

  /**
   * @return the absolute target, after checking it can be written
   * @throws IllegalArgumentException naming what is wrong with it
   */
  static Path target(Path requested) {
    Path file = requested.toAbsolutePath().normalize();
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          file
              + " is a directory; give the name of a file to write (for example "
              + file.resolve("dump.bin")
              + ")");
    }
    Path parent = file.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IllegalArgumentException(
          Files.exists(parent)
              ? "cannot write " + file + ": " + parent + " is a file, not a directory"
              : "cannot write " + file + ": the directory " + parent + " does not exist");
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new IllegalArgumentException("cannot write " + file + ": it is not writable");
    }
    return file;
  }

  /** Writes {@code file} through a temporary file beside it; nothing partial is left on failure. */
  static void write(Path file, Writer writer) throws Exception {
    Path partial;
    try {
      partial = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(
          "cannot write " + file + ": no permission to create files in " + file.getParent());
    }
    try {
      try (OutputStream stream = Files.newOutputStream(partial)) {
        writer.write(stream);
      }
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (Exception e) {
      deleteQuietly(partial);
      throw e;
    }
  }

  private static void deleteQuietly(Path partial) {
    try {
      Files.deleteIfExists(partial);
    } catch (IOException ignored) {
      // The original failure is what the user needs to see.
    }
  }
}
