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

/**
 * The {@link Flash} users get for one device: checks every argument against the device's geometry
 * before anything is queued, then runs the operation through the device's queue on whichever driver
 * serves it. The same object serves across driver swaps.
 */
final class VirtualFlash implements Flash {

  private final DeviceQueue queue;
  private final boolean immediate;

  VirtualFlash(DeviceQueue queue) {
    this(queue, false);
  }

  private VirtualFlash(DeviceQueue queue, boolean immediate) {
    this.queue = queue;
    this.immediate = immediate;
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
        ? queue.callIfIdle(operation, address, work)
        : queue.call(operation, address, work);
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

  @Override
  public void read(long address, byte[] destination, int offset, int length) throws FlashException {
    FlashArguments.checkBuffer(name(), "read", address, destination, offset, length);
    FlashArguments.checkRange(
        name(), "read", address, length, checkedGeometry("read", address).size());
    run(
        "read",
        address,
        device -> {
          device.read(address, destination, offset, length);
          return null;
        });
  }

  @Override
  public void program(long address, byte[] source, int offset, int length) throws FlashException {
    FlashArguments.checkBuffer(name(), "program", address, source, offset, length);
    FlashArguments.checkRange(
        name(), "program", address, length, checkedGeometry("program", address).size());
    run(
        "program",
        address,
        device -> {
          device.program(address, source, offset, length);
          return null;
        });
  }

  @Override
  public void erase(long address, long length) throws FlashException {
    FlashArguments.checkBlocks(name(), "erase", address, length, checkedGeometry("erase", address));
    run(
        "erase",
        address,
        device -> {
          device.erase(address, length);
          return null;
        });
  }

  @Override
  public long update(long address, byte[] source, int offset, int length) throws FlashException {
    FlashArguments.checkBuffer(name(), "update", address, source, offset, length);
    FlashGeometry geometry = checkedGeometry("update", address);
    FlashArguments.checkRange(name(), "update", address, length, geometry.size());
    return run("update", address, device -> Update.run(device, address, source, offset, length));
  }

  @Override
  public void lock(long address, long length) throws FlashException {
    FlashArguments.checkBlocks(name(), "lock", address, length, checkedGeometry("lock", address));
    run(
        "lock",
        address,
        device -> {
          device.lock(address, length);
          return null;
        });
  }

  @Override
  public void unlock(long address, long length) throws FlashException {
    FlashArguments.checkBlocks(
        name(), "unlock", address, length, checkedGeometry("unlock", address));
    run(
        "unlock",
        address,
        device -> {
          device.unlock(address, length);
          return null;
        });
  }

  @Override
  public boolean isLocked(long address) throws FlashException {
    FlashGeometry geometry = checkedGeometry("lock status", address);
    if (address < 0 || address >= geometry.size()) {
      FlashArguments.checkRange(name(), "lock status", address, 1, geometry.size());
    }
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
    return queue.submit(
        "read",
        address,
        device -> {
          byte[] data = new byte[length];
          device.read(address, data, 0, length);
          return data;
        });
  }

  @Override
  public CompletableFuture<Void> programAsync(long address, byte[] source) {
    try {
      FlashArguments.checkBuffer(
          name(), "program", address, source, 0, source == null ? 0 : source.length);
      FlashArguments.checkRange(
          name(), "program", address, source.length, checkedGeometry("program", address).size());
    } catch (FlashException e) {
      return CompletableFuture.failedFuture(e);
    }
    byte[] data = Arrays.copyOf(source, source.length);
    return queue.submit(
        "program",
        address,
        device -> {
          device.program(address, data, 0, data.length);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> eraseAsync(long address, long length) {
    try {
      FlashArguments.checkBlocks(
          name(), "erase", address, length, checkedGeometry("erase", address));
    } catch (FlashException e) {
      return CompletableFuture.failedFuture(e);
    }
    return queue.submit(
        "erase",
        address,
        device -> {
          device.erase(address, length);
          return null;
        });
  }

  @Override
  public CompletableFuture<Long> updateAsync(long address, byte[] source) {
    try {
      FlashArguments.checkBuffer(
          name(), "update", address, source, 0, source == null ? 0 : source.length);
      FlashArguments.checkRange(
          name(), "update", address, source.length, checkedGeometry("update", address).size());
    } catch (FlashException e) {
      return CompletableFuture.failedFuture(e);
    }
    byte[] data = Arrays.copyOf(source, source.length);
    return queue.submit(
        "update", address, device -> Update.run(device, address, data, 0, data.length));
  }

  @Override
  public Flash ifIdle() {
    return immediate ? this : new VirtualFlash(queue, true);
  }

  @Override
  public String toString() {
    return "Flash " + name() + " (driver " + queue.driverName() + ")";
  }
}
