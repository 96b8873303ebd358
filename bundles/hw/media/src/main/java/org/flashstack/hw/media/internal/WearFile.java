package org.flashstack.hw.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.flashstack.api.media.MediaFaultException;

/**
 * The erase counts of an image's sectors, kept beside it in {@code <image>.wear} so that wear, a
 * property of the flash, survives restarts: an 8-byte magic {@code FSWEAR01}, the sector count (4
 * bytes), then one 8-byte count per sector, big endian. Every counted erase is written through.
 */
final class WearFile implements AutoCloseable {

  private static final byte[] MAGIC = "FSWEAR01".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + Integer.BYTES;

  private final String device;
  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer slot = ByteBuffer.allocate(Long.BYTES);

  private WearFile(String device, Path path, FileChannel channel) {
    this.device = device;
    this.path = path;
    this.channel = channel;
  }

  /** Where the wear of {@code image} is kept. */
  static Path beside(Path image) {
    return image.resolveSibling(image.getFileName() + ".wear");
  }

  /**
   * Reads the counts kept for {@code sectors} sectors into {@code counts}, adding a note when a
   * wear file does not match, and opens the file for writing unless {@code readOnly}.
   *
   * @return the open wear file, or null for a read-only image
   */
  static WearFile open(
      String device, Path image, long[] counts, boolean readOnly, List<String> notes)
      throws IOException {
    Path path = beside(image);
    if (Files.isRegularFile(path)) {
      byte[] bytes = Files.readAllBytes(path);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      boolean matches =
          bytes.length == HEADER + (long) counts.length * Long.BYTES
              && ByteBuffer.wrap(bytes, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))
              && buffer.getInt(MAGIC.length) == counts.length;
      if (matches) {
        for (int i = 0; i < counts.length; i++) {
          counts[i] = buffer.getLong(HEADER + i * Long.BYTES);
        }
      } else {
        notes.add(
            String.format(
                "%s: wear file %s does not describe this device's %d sectors; wear is counted from zero",
                device, path, counts.length));
      }
    }
    if (readOnly) {
      return null;
    }
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      ByteBuffer all = ByteBuffer.allocate(HEADER + counts.length * Long.BYTES);
      all.put(MAGIC).putInt(counts.length);
      for (long count : counts) {
        all.putLong(count);
      }
      all.flip();
      while (all.hasRemaining()) {
        channel.write(all, all.position());
      }
      channel.truncate(HEADER + (long) counts.length * Long.BYTES);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new WearFile(device, path, channel);
  }

  /** Writes one sector's count through. */
  synchronized void record(int sector, long count) {
    slot.clear();
    slot.putLong(count).flip();
    try {
      long position = HEADER + (long) sector * Long.BYTES;
      while (slot.hasRemaining()) {
        position += channel.write(slot, position);
      }
    } catch (IOException e) {
      throw new MediaFaultException(
          device + ": the wear file " + path + " could not be written: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      channel.force(false);
      channel.close();
    } catch (IOException e) {
      throw new MediaFaultException(
          device + ": the wear file " + path + " could not be closed: " + e.getMessage(), e);
    }
  }
}
