package org.flashstack.memprog.transport.shm;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.memprog.protocol.MemoryWindow;

/**
 * Target RAM as a memory-mapped file: byte {@code i} of the file is target address {@code base +
 * i}. Another process mapping the same file (a native MemProgLib target or host, or another JVM)
 * sees every write. {@link #fence()} is a full fence: on the one machine both processes run on, the
 * stores before it become visible to the other process before the stores after it, which is what a
 * token flip needs.
 *
 * <p>Java cannot unmap a file on demand; {@link #close()} makes every later access throw {@link
 * IllegalStateException} and leaves the mapping to the garbage collector.
 */
public final class SharedMemoryFile implements TargetMemory, AutoCloseable {

  private final String name;
  private final Path file;
  private final MemoryWindow window;
  private final MappedByteBuffer map;
  private volatile boolean closed;

  private SharedMemoryFile(String name, Path file, MemoryWindow window, MappedByteBuffer map) {
    this.name = name;
    this.file = file;
    this.window = window;
    this.map = map;
  }

  /**
   * Maps an existing file whole.
   *
   * @throws IOException if it does not exist, is empty, or is larger than 2 GiB, saying which
   */
  public static SharedMemoryFile open(Path file, long base) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such file (the target's shared RAM)");
    }
    long size = Files.size(file);
    if (size == 0 || size > Integer.MAX_VALUE) {
      throw new IOException(file + ": " + size + " bytes; shared RAM must be 1 byte to 2 GiB");
    }
    return map(file, base, (int) size, false);
  }

  /**
   * Maps {@code file}, creating it with {@code size} zero bytes if missing, or growing it to {@code
   * size} if shorter (never shrinking it).
   */
  public static SharedMemoryFile create(Path file, long base, int size) throws IOException {
    return map(file, base, size, true);
  }

  private static SharedMemoryFile map(Path file, long base, int size, boolean create)
      throws IOException {
    MemoryWindow window = new MemoryWindow(base, size);
    StandardOpenOption[] options =
        create
            ? new StandardOpenOption[] {
              StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE
            }
            : new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
    try (FileChannel channel = FileChannel.open(file, options)) {
      MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
      return new SharedMemoryFile("shm:" + file, file, window, map);
    }
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * @return the mapped file
   */
  public Path file() {
    return file;
  }

  /**
   * @return the target addresses it holds
   */
  public MemoryWindow window() {
    return window;
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, destination.length);
    map.get(index(address, length), destination, offset, length);
  }

  @Override
  public void write(long address, byte[] source, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, source.length);
    map.put(index(address, length), source, offset, length);
  }

  @Override
  public int read8(long address) {
    return map.get(index(address, 1)) & 0xff;
  }

  @Override
  public void write8(long address, int value) {
    map.put(index(address, 1), (byte) value);
  }

  private int index(long address, int length) {
    if (closed) {
      throw new IllegalStateException(name + " is closed");
    }
    return window.index(address, length);
  }

  @Override
  public void fence() {
    VarHandle.fullFence();
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return name + " at " + window;
  }
}
