package org.flashstack.api.media;

import java.nio.ByteOrder;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A NOR cell array. Program only clears bits; erase sets every byte of one block to the erase
 * value. Offsets are bytes from 0 to {@link #size()}; an offset or range outside the media is
 * refused with {@link IndexOutOfBoundsException} naming the media, and nothing changes. Thread-safe
 * for callers that serialize program and erase (device models do).
 */
@ProviderType
public interface FlashMedia extends FlashMediaView, AutoCloseable {

  /**
   * Copies {@code length} bytes at {@code offset} into {@code destination[destinationOffset..]}.
   */
  void read(long offset, byte[] destination, int destinationOffset, int length);

  /**
   * Reads {@code width} (1, 2, 4 or 8) bytes at {@code offset} as one value in {@code order}: the
   * allocation-free path device models use for single bus reads.
   */
  long readValue(long offset, int width, ByteOrder order);

  /**
   * Programs {@code length} bytes: each stored byte becomes {@code stored & source}.
   *
   * @throws CellOverwriteException under {@link ProgramPolicy#REJECT_OVERWRITE} when a bit would
   *     have to go from 0 to 1; nothing is changed
   * @throws MediaReadOnlyException on read-only media; nothing is changed
   */
  void program(long offset, byte[] source, int sourceOffset, int length);

  /**
   * @return whether programming {@code source} at {@code offset} would store exactly {@code source}
   *     (every 1 bit asked for is still 1 in the cells); 0xff bytes program nothing and always pass
   */
  boolean isProgrammable(long offset, byte[] source, int sourceOffset, int length);

  /**
   * Erases block {@code block}: every byte becomes the erase value and its erase counter goes up.
   *
   * @throws MediaReadOnlyException on read-only media
   */
  void eraseBlock(int block);

  /** Forces programmed and erased cells out to the backing file (no-op for RAM). */
  void flush();

  /** Flushes and releases the media; further use fails. */
  @Override
  void close();
}
