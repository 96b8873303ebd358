package org.flashstack.memprog.transport.jvm;

import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.memprog.protocol.MemoryWindow;

/**
 * A simulated MCU's RAM: {@code size} bytes at target address {@code base}, all zero at first,
 * shared by the threads of a host and a target in one JVM. {@link #fence()} is a full memory fence,
 * so a structure's fields written before it are seen by the other side before its token written
 * after it (and the reader's fence after seeing the token keeps its later reads after it).
 */
public final class SimulatedRam implements TargetMemory {

  private final String name;
  private final MemoryWindow window;
  private final byte[] bytes;

  /**
   * @param name what the RAM is, for messages ({@code "jvm:default"})
   * @param base the target address of its first byte
   * @param size its size in bytes
   */
  public SimulatedRam(String name, long base, int size) {
    this.name = Objects.requireNonNull(name, "name");
    this.window = new MemoryWindow(base, size);
    this.bytes = new byte[size];
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * @return the addresses it holds
   */
  public MemoryWindow window() {
    return window;
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, destination.length);
    System.arraycopy(bytes, window.index(address, length), destination, offset, length);
  }

  @Override
  public void write(long address, byte[] source, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, source.length);
    System.arraycopy(source, offset, bytes, window.index(address, length), length);
  }

  @Override
  public int read8(long address) {
    return bytes[window.index(address, 1)] & 0xff;
  }

  @Override
  public void write8(long address, int value) {
    bytes[window.index(address, 1)] = (byte) value;
  }

  @Override
  public void fence() {
    VarHandle.fullFence();
  }

  @Override
  public String toString() {
    return name + " " + window;
  }
}
