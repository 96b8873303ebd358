package org.flashstack.api.memprog;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A target's RAM as a transport reaches it: bytes and 8, 16 and 32-bit little-endian words at
 * target addresses. Writes are seen by the other side in the order they are made; {@link #fence()}
 * makes every earlier write visible before any later one (what MemProgLib needs so that a
 * structure's fields are seen before its token flips), as a target's {@code dmb} does.
 *
 * <p>An access outside the memory the transport reaches throws {@link IndexOutOfBoundsException}
 * naming the address; a transport that lost its peer throws {@link IllegalStateException}.
 */
@ConsumerType
public interface TargetMemory {

  /**
   * @return what the transport is, for messages: "jvm:default", "shm:/tmp/target.ram"
   */
  String name();

  /** Reads {@code length} bytes at {@code address} into {@code destination}. */
  void read(long address, byte[] destination, int offset, int length);

  /** Writes {@code length} bytes of {@code source} at {@code address}. */
  void write(long address, byte[] source, int offset, int length);

  /**
   * @return the byte at {@code address}
   */
  default int read8(long address) {
    byte[] one = new byte[1];
    read(address, one, 0, 1);
    return one[0] & 0xff;
  }

  /**
   * @return the 32-bit little-endian word at {@code address}, as an unsigned value
   */
  default long read32(long address) {
    byte[] word = new byte[4];
    read(address, word, 0, 4);
    return (word[0] & 0xffL)
        | (word[1] & 0xffL) << 8
        | (word[2] & 0xffL) << 16
        | (word[3] & 0xffL) << 24;
  }

  /**
   * @return the 16-bit little-endian word at {@code address}, as an unsigned value
   * @since 1.1
   */
  default int read16(long address) {
    byte[] word = new byte[2];
    read(address, word, 0, 2);
    return (word[0] & 0xff) | (word[1] & 0xff) << 8;
  }

  /**
   * Writes a 16-bit little-endian word.
   *
   * @since 1.1
   */
  default void write16(long address, int value) {
    write(address, new byte[] {(byte) value, (byte) (value >>> 8)}, 0, 2);
  }

  /** Writes one byte. */
  default void write8(long address, int value) {
    write(address, new byte[] {(byte) value}, 0, 1);
  }

  /** Writes a 32-bit little-endian word. */
  default void write32(long address, long value) {
    write(
        address,
        new byte[] {
          (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)
        },
        0,
        4);
  }

  /** Makes every earlier write visible to the other side before any later one. */
  void fence();
}
