package org.flashstack.update;

import org.flashstack.api.device.PowerLossException;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaOperationFailedException;

/** A range of media as an update slot, its faults as a driver reports them. */
final class MediaRegion implements UpdateRegion {

  private final String name;
  private final FlashMedia media;
  private final long offset;
  private final long size;
  private final long eraseSize;

  MediaRegion(String name, FlashMedia media, long offset, long size, long eraseSize) {
    this.name = name;
    this.media = media;
    this.offset = offset;
    this.size = size;
    this.eraseSize = eraseSize;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long eraseSize() {
    return eraseSize;
  }

  private void check(String operation, long address, long length) throws FlashException {
    if (address < 0 || length < 0 || address + length > size) {
      throw new FlashException(
          FlashError.OUT_OF_RANGE, name, operation, address, "outside the " + size + " bytes");
    }
  }

  @Override
  public void read(long address, byte[] destination, int at, int length) throws FlashException {
    check("read", address, length);
    media.read(offset + address, destination, at, length);
  }

  @Override
  public void program(long address, byte[] source, int at, int length) throws FlashException {
    check("program", address, length);
    try {
      media.program(offset + address, source, at, length);
    } catch (PowerLossException e) {
      throw new FlashException(FlashError.POWER_LOST, name, "program", address, e.getMessage(), e);
    } catch (MediaOperationFailedException e) {
      throw new FlashException(
          FlashError.DEVICE_FAULT, name, "program", address, e.getMessage(), e);
    }
  }

  @Override
  public void erase(long address, long length) throws FlashException {
    check("erase", address, length);
    try {
      media.erase(offset + address, length);
    } catch (PowerLossException e) {
      throw new FlashException(FlashError.POWER_LOST, name, "erase", address, e.getMessage(), e);
    } catch (MediaOperationFailedException e) {
      throw new FlashException(FlashError.DEVICE_FAULT, name, "erase", address, e.getMessage(), e);
    }
  }
}
