package org.flashstack.partitions;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.partition.AsyncSpiFlash;
import org.flashstack.api.partition.FlashPartition;

/** Seed 000's userland API over one partition; opened by the partition's driver number. */
public final class PartitionAsyncSpiFlash implements AsyncSpiFlash {

  private final FlashPartition partition;
  private volatile boolean gone;

  /**
   * @param partition the partition the driver number opens
   */
  public PartitionAsyncSpiFlash(FlashPartition partition) {
    this.partition = Objects.requireNonNull(partition, "partition");
  }

  /** The partition is being withdrawn: {@link #exists} fails from now on. */
  public void gone() {
    gone = true;
  }

  @Override
  public long driverNumber() {
    return partition.driverNumber();
  }

  @Override
  public CompletableFuture<Void> exists() {
    return gone
        ? CompletableFuture.failedFuture(
            new FlashException(
                FlashError.UNAVAILABLE,
                partition.name(),
                "exists",
                -1,
                String.format("driver number 0x%x is withdrawn", partition.driverNumber())))
        : CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Long> capacity() {
    return CompletableFuture.completedFuture(partition.size());
  }

  @Override
  public CompletableFuture<Integer> chunkSize() {
    return CompletableFuture.completedFuture(partition.chunkSize());
  }

  @Override
  public CompletableFuture<Long> eraseSize() {
    return CompletableFuture.completedFuture(partition.eraseSize());
  }

  @Override
  public CompletableFuture<Void> read(long address, byte[] buffer, int offset, int length) {
    return partition.readAsync(address, buffer, offset, length);
  }

  @Override
  public CompletableFuture<Void> write(long address, byte[] buffer, int offset, int length) {
    return partition.writeAsync(address, buffer, offset, length);
  }

  @Override
  public CompletableFuture<Void> erase(long address, long length) {
    return partition.eraseAsync(address, length);
  }
}
