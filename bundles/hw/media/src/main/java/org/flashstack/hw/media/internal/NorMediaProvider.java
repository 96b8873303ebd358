package org.flashstack.hw.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.media.BackingMode;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.FlashMediaProvider;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.NonVolatileRecords;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens NOR media: RAM-backed, or backed by an image file that is the flash (read once, every
 * program and erase written through). Each file is locked while it is open, so two devices (or two
 * processes) never share one image by accident.
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
            cells,
            null,
            null,
            null,
            NonVolatileRecords.inMemory(),
            false,
            "RAM (" + ByteSizes.format(spec.size()) + ")",
            List.of(),
            open::remove));
  }

  private FlashMedia openFile(MediaSpec spec) throws IOException {
    Path file = spec.file().toAbsolutePath();
    boolean readOnly = spec.backing() == BackingMode.FILE_READ_ONLY;
    List<String> notes = new ArrayList<>();
    if (Files.isSymbolicLink(file) && !Files.exists(file)) {
      throw new IOException(
          spec.name()
              + ": flash image "
              + file
              + " is a symbolic link to "
              + Files.readSymbolicLink(file)
              + ", which does not exist");
    }
    for (Path parent = file.getParent(); parent != null; parent = parent.getParent()) {
      if (Files.exists(parent) && !Files.isDirectory(parent)) {
        throw new IOException(
            spec.name()
                + ": flash image "
                + file
                + " cannot be used: "
                + parent
                + " is a file, not a directory");
      }
    }
    boolean created = false;
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
      created = true;
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
    if (!readOnly && (!Files.isWritable(file) || !hasWritePermission(file))) {
      throw new IOException(
          spec.name()
              + ": flash image "
              + file
              + " is read-only; fix its permissions, or open it as a read-only device (readOnly=true) to use it without changes");
    }
    long fileSize = Files.size(file);
    long size = usableSize(spec, file, fileSize, notes);
    Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    FileChannel channel =
        readOnly
            ? FileChannel.open(file, StandardOpenOption.READ)
            : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock = lock(channel, readOnly, spec, file);
      byte[] cells = load(channel, size, spec, file);
      long[] wearCounts =
          new long[spec.sectorLayout(size).stream().mapToInt(r -> r.blockCount()).sum()];
      WearFile wear = WearFile.open(spec.name(), file, wearCounts, readOnly, notes);
      RecordsFile records = RecordsFile.open(spec.name(), file, readOnly, created, notes);
      String description =
          String.format(
              "file %s (%s, %s)",
              file, ByteSizes.format(size), readOnly ? "read-only" : "read-write");
      return track(
          new NorCellArray(
              spec,
              (int) size,
              cells,
              new ImageFile(spec.name(), file, channel, fileKey, size),
              wear,
              wearCounts,
              records,
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

  private static byte[] load(FileChannel channel, long size, MediaSpec spec, Path file)
      throws IOException {
    byte[] cells = new byte[(int) size];
    ByteBuffer buffer = ByteBuffer.wrap(cells);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, buffer.position()) < 0) {
        throw new IOException(
            spec.name() + ": flash image " + file + " ended early while it was read");
      }
    }
    return cells;
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
    if (fileSize > MediaSpec.MAX_SIZE) {
      throw new IOException(
          String.format(
              "%s: flash image %s has %d bytes (%s), more than the %s this emulator holds; configure the device size (blockCount) to use part of it",
              spec.name(),
              file,
              fileSize,
              ByteSizes.format(fileSize),
              ByteSizes.format(MediaSpec.MAX_SIZE)));
    }
    long usable = fileSize == 0 ? 0 : Long.highestOneBit(fileSize);
    if (usable < spec.sectorSize()) {
      throw new IOException(
          String.format(
              "%s: flash image %s has %d bytes, less than one erase sector (%d bytes)",
              spec.name(), file, fileSize, spec.sectorSize()));
    }
    if (usable != fileSize) {
      notes.add(
          String.format(
              "%s: flash image %s has %d bytes, not a power of two: using the first %d bytes (%s); the last %d bytes are left untouched",
              spec.name(), file, fileSize, usable, ByteSizes.format(usable), fileSize - usable));
    }
    return usable;
  }

  /**
   * Whether any write permission bit is set: as root, {@link Files#isWritable} is true even for a
   * 0444 file, but an image its owner made read-only must stay read-only whoever runs the product.
   */
  private static boolean hasWritePermission(Path file) throws IOException {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return permissions.contains(PosixFilePermission.OWNER_WRITE)
          || permissions.contains(PosixFilePermission.GROUP_WRITE)
          || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (UnsupportedOperationException notPosix) {
      return true;
    }
  }

  private static void createErased(Path file, MediaSpec spec) throws IOException {
    if (file.getParent() != null) {
      try {
        Files.createDirectories(file.getParent());
      } catch (IOException e) {
        throw new IOException(
            spec.name()
                + ": cannot create the directory of flash image "
                + file
                + ": "
                + e.getMessage(),
            e);
      }
    }
    byte[] chunk = new byte[(int) Math.min(spec.size(), 1 << 20)];
    Arrays.fill(chunk, (byte) spec.eraseValue());
    try (FileChannel channel = createNew(file, spec)) {
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

  private static FileChannel createNew(Path file, MediaSpec spec) throws IOException {
    try {
      return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new IOException(
          spec.name() + ": cannot create flash image " + file + ": " + describe(e), e);
    }
  }

  private static String describe(IOException e) {
    String type = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? type : type + " (" + e.getMessage() + ")";
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
