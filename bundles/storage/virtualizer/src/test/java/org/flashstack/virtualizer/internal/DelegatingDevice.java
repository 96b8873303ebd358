package org.flashstack.virtualizer.internal;

import java.util.Optional;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashIdentity;

/** A FlashDevice that forwards everything, for tests to override one operation. */
class DelegatingDevice implements FlashDevice {
  private final FlashDevice device;

  DelegatingDevice(FlashDevice device) {
    this.device = device;
  }

  @Override
  public String name() {
    return device.name();
  }

  @Override
  public FlashIdentity identity() {
    return device.identity();
  }

  @Override
  public FlashGeometry geometry() {
    return device.geometry();
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length) throws FlashException {
    device.read(address, destination, offset, length);
  }

  @Override
  public void program(long address, byte[] source, int offset, int length) throws FlashException {
    device.program(address, source, offset, length);
  }

  @Override
  public void erase(long address, long length) throws FlashException {
    device.erase(address, length);
  }

  @Override
  public void lock(long address, long length) throws FlashException {
    device.lock(address, length);
  }

  @Override
  public void unlock(long address, long length) throws FlashException {
    device.unlock(address, length);
  }

  @Override
  public boolean isLocked(long address) throws FlashException {
    return device.isLocked(address);
  }

  @Override
  public <T> Optional<T> detail(Class<T> type) {
    return device.detail(type);
  }

  @Override
  public void close() {
    device.close();
  }
}
