package org.flashstack.partitions;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashUsage;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.api.partition.PartitionStatistics;

/**
 * One partition over its device's {@link Flash}: checks every range against the partition before
 * the device sees it, translates offsets, names its errors after itself, and counts what goes
 * through (the device's queue counts for it, as the user of its own view of the device). Each
 * operation is one operation in the device's queue.
 */
public final class Partition implements FlashPartition {

  private final PartitionSpec spec;
  private final Flash flash;
  private volatile boolean closed;
  private final LongAdder refused = new LongAdder();

  private Partition(PartitionSpec spec, Flash flash) {
    this.spec = spec;
    this.flash = flash.forUser(spec.name());
  }

  /**
   * Opens the partition on its device.
   *
   * @throws IllegalArgumentException if it does not fit the device, or its ends are not erase block
   *     boundaries (an erase of one partition must never reach into another)
   */
  public static Partition open(PartitionSpec spec, Flash flash) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(flash, "flash");
    if (!flash.name().equals(spec.device())) {
      throw new IllegalArgumentException(
          "partition " + spec.name() + " is on " + spec.device() + ", not " + flash.name());
    }
    FlashGeometry geometry = flash.geometry();
    if (spec.end() > geometry.size()) {
      throw new IllegalArgumentException(
          String.format(
              "partition %s (0x%x..0x%x) does not fit %s (%s)",
              spec.name(),
              spec.offset(),
              spec.end(),
              spec.device(),
              ByteSizes.format(geometry.size())));
    }
    for (long boundary : new long[] {spec.offset(), spec.end()}) {
      if (!geometry.isBlockBoundary(boundary)) {
        long block = geometry.blockSizeAt(Math.min(boundary, geometry.size() - 1));
        throw new IllegalArgumentException(
            String.format(
                "partition %s: 0x%x is not an erase block boundary of %s (blocks of %s there)",
                spec.name(), boundary, spec.device(), ByteSizes.format(block)));
      }
    }
    return new Partition(spec, flash);
  }

  /** From now on every operation fails with {@code UNAVAILABLE} (the partition is withdrawn). */
  public void close() {
    closed = true;
  }

  /**
   * @return what the partition is
   */
  public PartitionSpec spec() {
    return spec;
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public String device() {
    return spec.device();
  }

  @Override
  public long offset() {
    return spec.offset();
  }

  @Override
  public long size() {
    return spec.size();
  }

  @Override
  public boolean readOnly() {
    return spec.readOnly();
  }

  @Override
  public long driverNumber() {
    return spec.driverNumber();
  }

  @Override
  public long eraseSize() {
    long largest = 0;
    for (EraseRegion region : flash.geometry().regions()) {
      if (region.offset() < spec.end() && region.end() > spec.offset()) {
        largest = Math.max(largest, region.blockSize());
      }
    }
    return largest;
  }

  @Override
  public int chunkSize() {
    FlashGeometry geometry = flash.geometry();
    return geometry.writeBufferSize() > 0 ? geometry.writeBufferSize() : geometry.programUnit();
  }

  // ---- checks ----

  private FlashException refuse(FlashError error, String operation, long address, String detail) {
    refused.increment();
    return new FlashException(error, spec.name(), operation, address, detail);
  }

  private void check(String operation, long address, long length, boolean modifies)
      throws FlashException {
    if (closed) {
      throw refuse(FlashError.UNAVAILABLE, operation, address, "the partition has been withdrawn");
    }
    if (address < 0 || length < 0) {
      throw refuse(
          FlashError.INVALID_ARGUMENT,
          operation,
          address,
          "address and length must not be negative (length " + length + ")");
    }
    if (address > spec.size() || length > spec.size() - address) {
      throw refuse(
          FlashError.OUT_OF_RANGE,
          operation,
          address,
          String.format(
              "0x%x bytes from 0x%x pass the end of the partition (0x%x bytes)",
              length, address, spec.size()));
    }
    if (modifies && spec.readOnly()) {
      throw refuse(FlashError.PROTECTED, operation, address, "the partition is read-only");
    }
  }

  private void checkBuffer(
      String operation, long address, byte[] buffer, int offset, int length, boolean modifies)
      throws FlashException {
    if (buffer == null) {
      throw refuse(FlashError.INVALID_ARGUMENT, operation, address, "no buffer");
    }
    if (offset < 0 || length < 0 || offset > buffer.length - length) {
      throw refuse(
          FlashError.INVALID_ARGUMENT,
          operation,
          address,
          String.format(
              "buffer range [%d, %d + %d) is outside the %d-byte buffer",
              offset, offset, length, buffer.length));
    }
    check(operation, address, length, modifies);
  }

  private void checkErase(long address, long length) throws FlashException {
    check("erase", address, length, true);
    FlashGeometry geometry = flash.geometry();
    for (long relative : new long[] {address, address + length}) {
      long absolute = spec.offset() + relative;
      if (!geometry.isBlockBoundary(absolute)) {
        throw refuse(
            FlashError.MISALIGNED,
            "erase",
            address,
            String.format(
                "0x%x is not on an erase block boundary (blocks of %s there; erase size %s)",
                relative,
                ByteSizes.format(geometry.blockSizeAt(absolute)),
                ByteSizes.format(eraseSize())));
      }
    }
  }

  /** The device's error, named after the partition with the partition-relative address. */
  private FlashException translate(FlashException e, String operation, long address) {
    return new FlashException(
        e.error(),
        spec.name(),
        operation,
        address,
        "on " + spec.device() + ": " + e.getMessage(),
        e);
  }

  // ---- blocking ----

  @Override
  public void read(long address, byte[] destination, int offset, int length) throws FlashException {
    checkBuffer("read", address, destination, offset, length, false);
    try {
      flash.read(spec.offset() + address, destination, offset, length);
    } catch (FlashException e) {
      throw translate(e, "read", address);
    }
  }

  @Override
  public void write(long address, byte[] source, int offset, int length) throws FlashException {
    checkBuffer("write", address, source, offset, length, true);
    try {
      flash.program(spec.offset() + address, source, offset, length);
    } catch (FlashException e) {
      throw translate(e, "write", address);
    }
  }

  @Override
  public void erase(long address, long length) throws FlashException {
    checkErase(address, length);
    try {
      flash.erase(spec.offset() + address, length);
    } catch (FlashException e) {
      throw translate(e, "erase", address);
    }
  }

  // ---- asynchronous ----

  /** The device's future, its failure named after the partition. */
  private CompletableFuture<Void> finish(
      CompletableFuture<Void> device, String operation, long address) {
    if (device.isDone() && !device.isCompletedExceptionally()) {
      return device;
    }
    return device.handle(
        (value, failure) -> {
          if (failure != null) {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof FlashException e) {
              throw new CompletionException(translate(e, operation, address));
            }
            throw new CompletionException(cause);
          }
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> readAsync(
      long address, byte[] destination, int offset, int length) {
    try {
      checkBuffer("read", address, destination, offset, length, false);
    } catch (FlashException e) {
      return CompletableFuture.failedFuture(e);
    }
    return finish(
        flash.readAsync(spec.offset() + address, destination, offset, length), "read", address);
  }

  @Override
  public CompletableFuture<Void> writeAsync(long address, byte[] source, int offset, int length) {
    try {
      checkBuffer("write", address, source, offset, length, true);
    } catch (FlashException e) {
      return CompletableFuture.failedFuture(e);
    }
    byte[] data =
        offset == 0 && length == source.length
            ? source
            : java.util.Arrays.copyOfRange(source, offset, offset + length);
    return finish(flash.programAsync(spec.offset() + address, data), "write", address);
  }

  @Override
  public CompletableFuture<Void> eraseAsync(long address, long length) {
    try {
      checkErase(address, length);
    } catch (FlashException e) {
      return CompletableFuture.failedFuture(e);
    }
    return finish(flash.eraseAsync(spec.offset() + address, length), "erase", address);
  }

  @Override
  public PartitionStatistics statistics() {
    FlashUsage usage = flash.usage();
    return new PartitionStatistics(
        spec.name(),
        usage.reads(),
        usage.programs(),
        usage.erases(),
        usage.bytesRead(),
        usage.bytesProgrammed(),
        usage.bytesErased(),
        usage.failed() + refused.sum(),
        usage.queuedNanos());
  }

  @Override
  public String toString() {
    return "partition " + spec;
  }
}
