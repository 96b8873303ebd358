package org.flashstack.hw.media.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flashstack.api.media.MediaFaultException;
import org.flashstack.api.media.NonVolatileRecords;

/**
 * A device's non-volatile records kept beside its image in {@code <image>.nvr}: an 8-byte magic
 * {@code FSNVR001}, a record count (4 bytes), then per record its name's length (2 bytes), the name
 * in UTF-8, the value's length (4 bytes) and the value, big endian. A write replaces the whole file
 * through a temporary file moved over it, so a cut leaves the old records or the new ones, never a
 * mix. A read-only image's records are read and then changed in memory only.
 */
final class RecordsFile implements NonVolatileRecords {

  private static final byte[] MAGIC = "FSNVR001".getBytes(StandardCharsets.US_ASCII);

  private final String device;
  private final Path path;
  private final boolean readOnly;
  private final Map<String, byte[]> records;

  private RecordsFile(String device, Path path, boolean readOnly, Map<String, byte[]> records) {
    this.device = device;
    this.path = path;
    this.readOnly = readOnly;
    this.records = records;
  }

  /** Where the records of {@code image} are kept. */
  static Path beside(Path image) {
    return image.resolveSibling(image.getFileName() + ".nvr");
  }

  /**
   * Reads the records kept for {@code image}; a file that is not a records file is left alone and
   * noted, and the device starts from its factory state, as it does when {@code created} (a new
   * image is a new device: records left from an image since deleted are not its own).
   */
  static RecordsFile open(
      String device, Path image, boolean readOnly, boolean created, List<String> notes)
      throws IOException {
    Path path = beside(image);
    Map<String, byte[]> records = new TreeMap<>();
    if (created && Files.isRegularFile(path)) {
      notes.add(
          String.format(
              "%s: %s belonged to an image no longer there and is removed; the new device's non-volatile bits start as shipped",
              device, path));
      Files.delete(path);
    } else if (Files.isRegularFile(path)) {
      try {
        records = parse(Files.readAllBytes(path));
      } catch (IllegalArgumentException e) {
        notes.add(
            String.format(
                "%s: %s is not a records file (%s); the device's non-volatile bits start as shipped",
                device, path, e.getMessage()));
        records = new TreeMap<>();
      }
    }
    return new RecordsFile(device, path, readOnly, records);
  }

  static Map<String, byte[]> parse(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    Map<String, byte[]> records = new TreeMap<>();
    try {
      byte[] magic = new byte[MAGIC.length];
      buffer.get(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IllegalArgumentException("no FSNVR001 magic");
      }
      int count = buffer.getInt();
      if (count < 0) {
        throw new IllegalArgumentException("negative record count");
      }
      for (int i = 0; i < count; i++) {
        byte[] name = new byte[buffer.getShort() & 0xffff];
        buffer.get(name);
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
          throw new IllegalArgumentException("record " + i + " runs past the end");
        }
        byte[] value = new byte[length];
        buffer.get(value);
        records.put(new String(name, StandardCharsets.UTF_8), value);
      }
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated");
    }
    if (buffer.hasRemaining()) {
      throw new IllegalArgumentException(buffer.remaining() + " bytes after the last record");
    }
    return records;
  }

  static byte[] format(Map<String, byte[]> records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(records.size());
      for (Map.Entry<String, byte[]> record : records.entrySet()) {
        byte[] name = record.getKey().getBytes(StandardCharsets.UTF_8);
        out.writeShort(name.length);
        out.write(name);
        out.writeInt(record.getValue().length);
        out.write(record.getValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  @Override
  public synchronized byte[] read(String name) {
    byte[] value = records.get(name);
    return value == null ? null : value.clone();
  }

  @Override
  public synchronized void write(String name, byte[] value) {
    if (name.getBytes(StandardCharsets.UTF_8).length > 0xffff) {
      throw new IllegalArgumentException("record name too long: " + name.length() + " characters");
    }
    Map<String, byte[]> next = new TreeMap<>(records);
    next.put(name, value.clone());
    if (!readOnly) {
      store(next);
    }
    records.clear();
    records.putAll(next);
  }

  private void store(Map<String, byte[]> next) {
    Path temporary = path.resolveSibling(path.getFileName() + ".new");
    try {
      try (FileChannel channel =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(format(next));
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new MediaFaultException(
          device + ": the records file " + path + " could not be written: " + e.getMessage(), e);
    }
  }
}
