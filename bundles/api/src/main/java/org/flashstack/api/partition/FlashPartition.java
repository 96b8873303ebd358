package org.flashstack.api.partition;

import java.util.concurrent.CompletableFuture;
import org.flashstack.api.flash.FlashException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A named region of one flash device (seed 000's FlashPartition): offsets are relative to the
 * partition's start, and every range is checked before anything reaches the device, so an operation
 * never touches a byte outside the partition. A refused operation is a {@link FlashException} named
 * after the partition with the partition-relative address: {@code OUT_OF_RANGE} past the end,
 * {@code MISALIGNED} for an erase not on erase-block boundaries (naming the block size there),
 * {@code PROTECTED} for a write or erase of a read-only partition, {@code INVALID_ARGUMENT} for a
 * malformed buffer range. Errors of the device come through unchanged but for the name.
 *
 * <p>Write follows NOR rules, as the device's program does: it only clears bits, so the range must
 * have been erased for the stored bytes to equal the written ones. Every operation is one operation
 * in the device's queue: it has the device to itself.
 *
 * <p>Provider type: the partitions bundle implements it; methods are added in minor versions.
 */
@ProviderType
public interface FlashPartition {

  /**
   * @return the partition's name
   */
  String name();

  /**
   * @return the name of the device it is a region of
   */
  String device();

  /**
   * @return where it starts on the device, in bytes
   */
  long offset();

  /**
   * @return its size in bytes (the capacity a user sees)
   */
  long size();

  /**
   * @return whether write and erase are refused
   */
  boolean readOnly();

  /**
   * @return seed 000's driver number
   */
  long driverNumber();

  /**
   * @return the erase unit: the largest erase block within the partition (erases are whole blocks;
   *     on a uniform device, its block size)
   */
  long eraseSize();

  /**
   * @return the chunk a write is best made in: the device's write buffer (page), or its program
   *     unit where it has none
   */
  int chunkSize();

  /**
   * Reads {@code length} bytes at partition offset {@code address} into {@code
   * destination[offset..]}.
   */
  void read(long address, byte[] destination, int offset, int length) throws FlashException;

  /** Writes (programs) {@code length} bytes of {@code source[offset..]} at {@code address}. */
  void write(long address, byte[] source, int offset, int length) throws FlashException;

  /** Erases {@code [address, address + length)}, whole erase blocks of the device. */
  void erase(long address, long length) throws FlashException;

  /** {@link #read}, asynchronously. */
  CompletableFuture<Void> readAsync(long address, byte[] destination, int offset, int length);

  /** {@link #write}, asynchronously; the source range must not change until it completes. */
  CompletableFuture<Void> writeAsync(long address, byte[] source, int offset, int length);

  /** {@link #erase}, asynchronously. */
  CompletableFuture<Void> eraseAsync(long address, long length);

  /**
   * @return what went through the partition so far
   */
  PartitionStatistics statistics();
}
