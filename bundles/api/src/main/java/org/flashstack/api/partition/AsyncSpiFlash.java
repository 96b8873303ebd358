package org.flashstack.api.partition;

import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The userland flash API of seed 000 (AsyncSpiFlash over its syscall driver), one service per
 * partition, found by its driver number or partition name ({@link PartitionProperties}). Every call
 * returns a future, completed exceptionally with a {@link org.flashstack.api.flash.FlashException}
 * on failure; addresses are partition-relative and checked as {@link FlashPartition} checks them.
 *
 * <p>Provider type: the partitions bundle implements it; methods are added in minor versions.
 */
@ProviderType
public interface AsyncSpiFlash {

  /**
   * @return the driver number this instance was opened with
   */
  long driverNumber();

  /**
   * Completes normally while the partition's device is there, exceptionally with {@code
   * UNAVAILABLE} once it is gone (the service is being withdrawn).
   */
  CompletableFuture<Void> exists();

  /** The partition's size in bytes. */
  CompletableFuture<Long> capacity();

  /** The chunk (program unit) size: the device's page, or its program unit. */
  CompletableFuture<Integer> chunkSize();

  /** The erase unit: the largest erase block in the partition. */
  CompletableFuture<Long> eraseSize();

  /** Reads {@code length} bytes at {@code address} into {@code buffer[offset..]}. */
  CompletableFuture<Void> read(long address, byte[] buffer, int offset, int length);

  /**
   * Writes {@code buffer[offset..offset + length)} at {@code address}; the range must be erased
   * (NOR) and the buffer range must not change until the future completes.
   */
  CompletableFuture<Void> write(long address, byte[] buffer, int offset, int length);

  /** Erases {@code [address, address + length)}, whole erase blocks. */
  CompletableFuture<Void> erase(long address, long length);
}
