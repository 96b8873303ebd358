package org.flashstack.memprog.target.internal;

import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.memprog.MemProgException;
import org.flashstack.api.memprog.MemProgRegion;

/**
 * An interface bound to a whole device. Its erase unit is the device's largest erase block (whose
 * boundaries are block boundaries everywhere on the device).
 */
final class DeviceRegion implements MemProgRegion {

  private final Flash flash;

  DeviceRegion(Flash flash) {
    this.flash = flash;
  }

  @Override
  public String description() {
    return Regions.DEVICE + flash.name();
  }

  @Override
  public long size() {
    return flash.geometry().size();
  }

  @Override
  public long eraseSize() {
    return flash.geometry().regions().stream().mapToLong(EraseRegion::blockSize).max().orElse(1);
  }

  @Override
  public boolean readOnly() {
    return false;
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length)
      throws MemProgException {
    try {
      flash.read(address, destination, offset, length);
    } catch (FlashException e) {
      throw Regions.failure(e);
    }
  }

  @Override
  public void write(long address, byte[] source, int offset, int length) throws MemProgException {
    try {
      flash.program(address, source, offset, length);
    } catch (FlashException e) {
      throw Regions.failure(e);
    }
  }

  @Override
  public void erase(long address, long length) throws MemProgException {
    try {
      flash.erase(address, length);
    } catch (FlashException e) {
      throw Regions.failure(e);
    }
  }
}
