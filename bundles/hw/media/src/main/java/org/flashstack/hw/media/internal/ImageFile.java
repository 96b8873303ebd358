package org.flashstack.hw.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.media.MediaFaultException;

/**
 * The image file behind file-backed media: where programs and erases are written through, watched
 * before each for what other processes do to it: deleted (later writes would be lost with the
 * unlinked file), replaced by another file, or truncated below the device size.
 */
final class ImageFile {
  private final String device;
  private final Path path;
  private final FileChannel channel;
  private final Object fileKey;
  private final long mappedSize;

  ImageFile(String device, Path path, FileChannel channel, Object fileKey, long mappedSize) {
    this.device = device;
    this.path = path;
    this.channel = channel;
    this.fileKey = fileKey;
    this.mappedSize = mappedSize;
  }

  Path path() {
    return path;
  }

  /**
   * @throws MediaFaultException naming the file if it is gone, replaced or too short for the
   *     mapping
   */
  void check(String operation) {
    try {
      long size = channel.size();
      if (size < mappedSize) {
        throw fault(
            operation,
            String.format(
                "was truncated to %d bytes while in use (the device needs %s)",
                size, ByteSizes.format(mappedSize)),
            null);
      }
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (fileKey != null && !Objects.equals(fileKey, attributes.fileKey())) {
        throw fault(operation, "was replaced by another file while in use", null);
      }
    } catch (NoSuchFileException e) {
      throw fault(operation, "was deleted while in use; later writes would be lost", e);
    } catch (IOException e) {
      throw fault(operation, "cannot be checked: " + e.getMessage(), e);
    }
  }

  /** Writes {@code cells[offset..offset+length)} to the same place in the file. */
  void write(String operation, byte[] cells, int offset, int length) {
    ByteBuffer buffer = ByteBuffer.wrap(cells, offset, length);
    try {
      long position = offset;
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
    } catch (IOException e) {
      throw fault(operation, "could not be written: " + e.getMessage(), e);
    }
  }

  /** Forces what was written out to the storage device. */
  void force(String operation) {
    try {
      channel.force(false);
    } catch (IOException e) {
      throw fault(operation, "could not be synced: " + e.getMessage(), e);
    }
  }

  private MediaFaultException fault(String operation, String what, Throwable cause) {
    return new MediaFaultException(
        device + ": " + operation + " failed: flash image " + path + " " + what, cause);
  }
}
