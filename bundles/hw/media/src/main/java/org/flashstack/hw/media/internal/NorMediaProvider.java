package org.flashstack.hw.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.media.BackingMode;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.FlashMediaProvider;
import org.flashstack.api.media.MediaSpec;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens NOR media: RAM-backed, or a memory-mapped file that is the flash. Each file is locked while
 * it is open, so two devices (or two processes) never share one image by accident.
 */
@Component(service = FlashMediaProvider.class)
public final class NorMediaProvider implements FlashMediaProvider {

  private static final Logger LOG = LoggerFactory.getLogger(NorMediaProvider.class);

  private final Set<FlashMedia> open = ConcurrentHashMap.newKeySet();

  @Override
  public FlashMedia open(MediaSpec spec) throws IOException {
    FlashMedia media = spec.backing() == BackingMode.RAM ? openRam(spec) : openFile(spec);
    for (String note : media.notes()) {
      LOG.warn(note);
    }
    return media;
  }

  /** Closes what its users left open, when the media bundle stops. */
  @Deactivate
  void deactivate() {
    for (FlashMedia media : List.copyOf(open)) {
      LOG.info("{}: closing media left open by its device", media.spec().name());
      media.close();
    }
  }

  private FlashMedia openRam(MediaSpec spec) {
    byte[] cells = new byte[(int) spec.size()];
    Arrays.fill(cells, (byte) spec.eraseValue());
    return track(
        new NorCellArray(
            spec,
            (int) spec.size(),
            ByteBuffer.wrap(cells),
            false,
            "RAM (" + ByteSizes.format(spec.size()) + ")",
            List.of(),
            open::remove));
  }

  private FlashMedia openFile(MediaSpec spec) throws IOException {
    Path file = spec.file().toAbsolutePath();
    boolean readOnly = spec.backing() == BackingMode.FILE_READ_ONLY;
    List<String> notes = new ArrayList<>();
    if (!Files.exists(file)) {
      if (!spec.createIfMissing() || readOnly) {
        throw new IOException(
            spec.name()
                + ": flash image "
                + file
                + " does not exist"
                + (readOnly
                    ? " (a read-only device cannot create it)"
                    : "; create it or set createIfMissing"));
      }
      createErased(file, spec);
      LOG.info(
          "{}: created flash image {} ({}, every byte 0x{})",
          spec.name(),
          file,
          ByteSizes.format(spec.size()),
          Integer.toHexString(spec.eraseValue()));
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException(spec.name() + ": flash image " + file + " is not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new IOException(
          spec.name() + ": flash image " + file + " is not readable (check its permissions)");
    }
    if (!readOnly && !Files.isWritable(file)) {
      throw new IOException(
          spec.name()
              + ": flash image "
              + file
              + " is read-only; fix its permissions, or open it as a read-only device (readOnly=true) to use it without changes");
    }
    long fileSize = Files.size(file);
    long size = usableSize(spec, file, fileSize, notes);
    FileChannel channel =
        readOnly
            ? FileChannel.open(file, StandardOpenOption.READ)
            : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock = lock(channel, readOnly, spec, file);
      MappedByteBuffer mapped =
          channel.map(
              readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE, 0, size);
      String description =
          String.format(
              "file %s (%s, %s)",
              file, ByteSizes.format(size), readOnly ? "read-only" : "read-write");
      return track(
          new NorCellArray(
              spec,
              (int) size,
              mapped,
              readOnly,
              description,
              notes,
              media -> {
                open.remove(media);
                release(lock, channel);
              }));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static long usableSize(MediaSpec spec, Path file, long fileSize, List<String> notes)
      throws IOException {
    if (spec.size() > 0) {
      if (fileSize < spec.size()) {
        throw new IOException(
            String.format(
                "%s: flash image %s has %d bytes but the device needs %d (%s); use a larger image or configure a smaller device",
                spec.name(), file, fileSize, spec.size(), ByteSizes.format(spec.size())));
      }
      if (fileSize > spec.size()) {
        notes.add(
            String.format(
                "%s: flash image %s has %d bytes; the device is %d bytes (%s), so it uses the first %d bytes and leaves the last %d untouched",
                spec.name(),
                file,
                fileSize,
                spec.size(),
                ByteSizes.format(spec.size()),
                spec.size(),
                fileSize - spec.size()));
      }
      return spec.size();
    }
    long usable = fileSize == 0 ? 0 : Long.highestOneBit(Math.min(fileSize, MediaSpec.MAX_SIZE));
    if (usable < spec.blockSize()) {
      throw new IOException(
          String.format(
              "%s: flash image %s has %d bytes, less than one erase block (%d bytes)",
              spec.name(), file, fileSize, spec.blockSize()));
    }
    if (usable != fileSize) {
      notes.add(
          String.format(
              "%s: flash image %s has %d bytes, not a power of two: using the first %d bytes (%s); the last %d bytes are left untouched",
              spec.name(), file, fileSize, usable, ByteSizes.format(usable), fileSize - usable));
    }
    return usable;
  }

  private static void createErased(Path file, MediaSpec spec) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    byte[] chunk = new byte[(int) Math.min(spec.size(), 1 << 20)];
    Arrays.fill(chunk, (byte) spec.eraseValue());
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long written = 0; written < spec.size(); written += chunk.length) {
        ByteBuffer buffer =
            ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, spec.size() - written));
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      channel.force(true);
    }
  }

  private static FileLock lock(FileChannel channel, boolean shared, MediaSpec spec, Path file)
      throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock(0, Long.MAX_VALUE, shared);
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new IOException(
          spec.name()
              + ": flash image "
              + file
              + " is already in use by another device or process");
    }
    return lock;
  }

  private static void release(FileLock lock, FileChannel channel) {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      LOG.warn("closing {} failed: {}", channel, e.getMessage());
    }
  }

  private FlashMedia track(NorCellArray media) {
    open.add(media);
    return media;
  }
}
