package org.flashstack.api.media;

import java.nio.file.Path;

/**
 * What media to open.
 *
 * @param name the owning device's name, used in messages
 * @param size device size in bytes, a multiple of {@code blockSize}; 0 means "as large as the
 *     file", rounded down to a power of two (only with a file)
 * @param blockSize erase block size in bytes, a power of two
 * @param eraseValue the byte value of erased cells, 0x00..0xff (0xff for NOR)
 * @param backing RAM or file, and whether the file is writable
 * @param file the backing file; null for RAM
 * @param createIfMissing with {@link BackingMode#FILE}: create a missing file of {@code size}
 *     bytes, all erased; without it a missing file is an error
 * @param programPolicy what a program over non-erased cells does
 */
public record MediaSpec(
    String name,
    long size,
    long blockSize,
    int eraseValue,
    BackingMode backing,
    Path file,
    boolean createIfMissing,
    ProgramPolicy programPolicy) {

  /** The largest media this implementation maps: 1 GiB. */
  public static final long MAX_SIZE = 1L << 30;

  /** Checks the components that do not need the file system. */
  public MediaSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("media needs the name of its device");
    }
    if (blockSize <= 0 || Long.bitCount(blockSize) != 1) {
      throw new IllegalArgumentException(
          name + ": erase block size must be a power of two, not " + blockSize);
    }
    if (size < 0 || size > MAX_SIZE || size % blockSize != 0) {
      throw new IllegalArgumentException(
          String.format(
              "%s: size %d must be a multiple of the block size %d and at most %d bytes",
              name, size, blockSize, MAX_SIZE));
    }
    if (eraseValue < 0 || eraseValue > 0xff) {
      throw new IllegalArgumentException(
          name + ": erase value must be a byte value, not " + eraseValue);
    }
    if (backing == null || programPolicy == null) {
      throw new IllegalArgumentException(name + ": backing mode and program policy are required");
    }
    if (backing == BackingMode.RAM) {
      if (file != null) {
        throw new IllegalArgumentException(name + ": RAM media takes no file");
      }
      if (size == 0) {
        throw new IllegalArgumentException(name + ": RAM media needs a size");
      }
    } else if (file == null) {
      throw new IllegalArgumentException(name + ": file-backed media needs a file");
    }
    if (size == 0 && createIfMissing) {
      throw new IllegalArgumentException(
          name + ": to create a missing file the size must be given");
    }
  }

  /** RAM media of {@code size} bytes erased to 0xff, ANDing programs. */
  public static MediaSpec ram(String name, long size, long blockSize) {
    return new MediaSpec(
        name, size, blockSize, 0xff, BackingMode.RAM, null, false, ProgramPolicy.AND);
  }

  /**
   * @return a copy with another program policy
   */
  public MediaSpec withProgramPolicy(ProgramPolicy policy) {
    return new MediaSpec(name, size, blockSize, eraseValue, backing, file, createIfMissing, policy);
  }
}
