package org.flashstack.virtualizer.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashArguments;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashIdentity;
import org.flashstack.api.flash.FlashUsage;

/**
 * The {@link Flash} users get for one device: checks every argument against the device's geometry
 * before anything is queued, then runs the operation through the device's queue on whichever driver
 * serves it. The same object serves across driver swaps.
 */
final class VirtualFlash implements Flash {

  private final DeviceQueue queue;
  private final boolean immediate;
  private final UsageCounter usage;

  VirtualFlash(DeviceQueue queue) {
    this(queue, false, new UsageCounter(null));
  }

  private VirtualFlash(DeviceQueue queue, boolean immediate, UsageCounter usage) {
    this.queue = queue;
    this.immediate = immediate;
    this.usage = usage;
  }

  @Override
  public String name() {
    return queue.name();
  }

  @Override
  public FlashIdentity identity() {
    FlashIdentity identity = queue.identity();
    return identity != null ? identity : new FlashIdentity(0, 0, "no driver has served it yet");
  }

  @Override
  public FlashGeometry geometry() {
    FlashGeometry geometry = queue.geometry();
    if (geometry == null) {
      throw new IllegalStateException(name() + ": no driver has served the device yet");
    }
    return geometry;
  }

  @Override
  public <T> Optional<T> detail(Class<T> type) {
    FlashDevice device = queue.attached();
    return device == null || type == null ? Optional.empty() : device.detail(type);
  }

  private <T> T run(String operation, long address, DeviceQueue.Work<T> work)
      throws FlashException {
    return immediate
        ? queue.callIfIdle(operation, address, work, usage)
        : queue.call(operation, address, work, usage);
  }

  /** An operation with no result. */
  @FunctionalInterface
  private interface Action {
    void run(FlashDevice device) throws FlashException;
  }

  private void runAction(String operation, long address, Action action) throws FlashException {
    run(
        operation,
        address,
        device -> {
          action.run(device);
          return null;
        });
  }

  private CompletableFuture<Void> submitAction(String operation, long address, Action action) {
    return queue.submit(
        operation,
        address,
        device -> {
          action.run(device);
          return null;
        },
        usage);
  }

  private FlashGeometry checkedGeometry(String operation, long address) throws FlashException {
    FlashGeometry geometry = queue.geometry();
    if (geometry == null) {
      throw new FlashException(
          FlashError.UNAVAILABLE,
          name(),
          operation,
          address,
          "no driver has served the device yet");
    }
    return geometry;
  }

  /** Checks a buffer range and the device range it reads from or writes to. */
  private void checkData(String operation, long address, byte[] buffer, int offset, int length)
      throws FlashException {
    FlashArguments.checkBuffer(name(), operation, address, buffer, offset, length);
    FlashArguments.checkRange(
        name(), operation, address, length, checkedGeometry(operation, address).size());
  }

  private void checkBlocks(String operation, long address, long length) throws FlashException {
    FlashArguments.checkBlocks(
        name(), operation, address, length, checkedGeometry(operation, address));
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length) throws FlashException {
    checkData("read", address, destination, offset, length);
    runAction(
        "read",
        address,
        device -> {
          device.read(address, destination, offset, length);
          usage.read(length);
        });
  }

  @Override
  public void program(long address, byte[] source, int offset, int length) throws FlashException {
    checkData("program", address, source, offset, length);
    runAction(
        "program",
        address,
        device -> {
          device.program(address, source, offset, length);
          usage.programmed(length);
        });
  }

  @Override
  public void erase(long address, long length) throws FlashException {
    checkBlocks("erase", address, length);
    runAction("erase", address, device -> erased(device, address, length));
  }

  @Override
  public long update(long address, byte[] source, int offset, int length) throws FlashException {
    checkData("update", address, source, offset, length);
    return run("update", address, device -> updated(device, address, source, offset, length));
  }

  @Override
  public void lock(long address, long length) throws FlashException {
    checkBlocks("lock", address, length);
    runAction("lock", address, device -> device.lock(address, length));
  }

  @Override
  public void unlock(long address, long length) throws FlashException {
    checkBlocks("unlock", address, length);
    runAction("unlock", address, device -> device.unlock(address, length));
  }

  @Override
  public boolean isLocked(long address) throws FlashException {
    FlashArguments.checkRange(
        name(), "lock status", address, 1, checkedGeometry("lock status", address).size());
    return run("lock status", address, device -> device.isLocked(address));
  }

  @Override
  public CompletableFuture<byte[]> readAsync(long address, int length) {
    try {
      FlashArguments.checkRange(
          name(), "read", address, length, checkedGeometry("read", address).size());
    } catch (FlashException e) {
      return CompletableFuture.failedFuture(e);
    }
    return submitRead(
        address,
        device -> {
          byte[] data = new byte[length];
          device.read(address, data, 0, length);
          usage.read(length);
          return data;
        });
  }

  @Override
  public CompletableFuture<Void> readAsync(
      long address, byte[] destination, int offset, int length) {
    try {
      checkData("read", address, destination, offset, length);
    } catch (FlashException e) {
      return CompletableFuture.failedFuture(e);
    }
    return submitRead(
        address,
        device -> {
          device.read(address, destination, offset, length);
          usage.read(length);
          return null;
        });
  }

  /** A read: on this thread when the device is idle, else in its turn (or BUSY if immediate). */
  private <T> CompletableFuture<T> submitRead(long address, DeviceQueue.Work<T> work) {
    if (immediate) {
      try {
        return CompletableFuture.completedFuture(queue.callIfIdle("read", address, work, usage));
      } catch (FlashException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return queue.submitOrRunIdle("read", address, work, usage);
  }

  @Override
  public CompletableFuture<Void> programAsync(long address, byte[] source) {
    try {
      checkData("program", address, source, 0, source == null ? 0 : source.length);
    } catch (FlashException e) {
      return CompletableFuture.failedFuture(e);
    }
    byte[] data = Arrays.copyOf(source, source.length);
    return submitAction(
        "program",
        address,
        device -> {
          device.program(address, data, 0, data.length);
          usage.programmed(data.length);
        });
  }

  @Override
  public CompletableFuture<Void> eraseAsync(long address, long length) {
    try {
      checkBlocks("erase", address, length);
    } catch (FlashException e) {
      return CompletableFuture.failedFuture(e);
    }
    return submitAction("erase", address, device -> erased(device, address, length));
  }

  @Override
  public CompletableFuture<Long> updateAsync(long address, byte[] source) {
    try {
      checkData("update", address, source, 0, source == null ? 0 : source.length);
    } catch (FlashException e) {
      return CompletableFuture.failedFuture(e);
    }
    byte[] data = Arrays.copyOf(source, source.length);
    return queue.submit(
        "update", address, device -> updated(device, address, data, 0, data.length), usage);
  }

  private void erased(FlashDevice device, long address, long length) throws FlashException {
    device.erase(address, length);
    usage.erased(length);
  }

  private long updated(FlashDevice device, long address, byte[] source, int offset, int length)
      throws FlashException {
    long erased = Update.run(device, address, source, offset, length);
    usage.programmed(length);
    if (erased > 0) {
      usage.erased(erased);
    }
    return erased;
  }

  @Override
  public Flash ifIdle() {
    return immediate ? this : new VirtualFlash(queue, true, usage);
  }

  @Override
  public Flash forUser(String user) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException(name() + ": a user view needs the user's name");
    }
    return new VirtualFlash(queue, immediate, new UsageCounter(user));
  }

  @Override
  public FlashUsage usage() {
    return usage.snapshot();
  }

  @Override
  public String toString() {
    return "Flash " + name() + " (driver " + queue.driverName() + ")";
  }
}
