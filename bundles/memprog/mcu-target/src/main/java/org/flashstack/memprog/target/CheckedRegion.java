package org.flashstack.memprog.target;

import org.flashstack.api.memprog.MemProgException;
import org.flashstack.api.memprog.MemProgRegion;
import org.flashstack.memprog.protocol.TargetCode;

/**
 * The region a handler gets: every range checked against the region before it is passed on (so no
 * handler, custom ones included, reaches outside its interface's region), every completed operation
 * counted as the command's progress, and failures other than {@link MemProgException} turned into
 * ERR_EXECUTION.
 */
final class CheckedRegion implements MemProgRegion {

  private final MemProgRegion region;
  private final Runnable progress;

  CheckedRegion(MemProgRegion region, Runnable progress) {
    this.region = region;
    this.progress = progress;
  }

  @Override
  public String description() {
    return region.description();
  }

  @Override
  public long size() {
    return region.size();
  }

  @Override
  public long eraseSize() {
    return region.eraseSize();
  }

  @Override
  public boolean readOnly() {
    return region.readOnly();
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length)
      throws MemProgException {
    check("read", address, length, destination, offset);
    run(() -> region.read(address, destination, offset, length), "read", address);
  }

  @Override
  public void write(long address, byte[] source, int offset, int length) throws MemProgException {
    check("write", address, length, source, offset);
    refuseIfReadOnly("write");
    run(() -> region.write(address, source, offset, length), "write", address);
  }

  @Override
  public void erase(long address, long length) throws MemProgException {
    range("erase", address, length);
    refuseIfReadOnly("erase");
    long unit = region.eraseSize();
    if (address % unit != 0 || length % unit != 0) {
      throw new MemProgException(
          MemProgException.ERR_PARAM,
          TargetCode.MISALIGNED.value(),
          String.format(
              "%s: erase 0x%x +0x%x is not on %d-byte erase units",
              region.description(), address, length, unit));
    }
    if (length == 0) {
      return; // nothing to erase: the checks above were all
    }
    run(() -> region.erase(address, length), "erase", address);
  }

  private void check(String what, long address, int length, byte[] array, int offset)
      throws MemProgException {
    if (region instanceof UnboundRegion unbound) {
      throw unbound.failure();
    }
    if (array == null || offset < 0 || length < 0 || offset + length > array.length) {
      throw new MemProgException(
          MemProgException.ERR_OTHER,
          TargetCode.BAD_PARAMETER.value(),
          what + ": the handler's array range is malformed");
    }
    range(what, address, length);
  }

  private void range(String what, long address, long length) throws MemProgException {
    if (region instanceof UnboundRegion unbound) {
      throw unbound.failure();
    }
    if (address < 0 || length < 0 || address + length > region.size()) {
      throw new MemProgException(
          MemProgException.ERR_PARAM,
          TargetCode.OUT_OF_RANGE.value(),
          String.format(
              "%s: %s 0x%x +0x%x is past the region's 0x%x bytes",
              region.description(), what, address, length, region.size()));
    }
  }

  private void refuseIfReadOnly(String what) throws MemProgException {
    if (region.readOnly()) {
      throw new MemProgException(
          MemProgException.ERR_EXECUTION,
          TargetCode.READ_ONLY.value(),
          region.description() + ": " + what + " refused, the region is read-only");
    }
  }

  private interface Operation {
    void run() throws MemProgException;
  }

  private void run(Operation operation, String what, long address) throws MemProgException {
    try {
      operation.run();
    } catch (MemProgException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MemProgException(
          MemProgException.ERR_EXECUTION,
          TargetCode.FLASH_ERROR.value(),
          String.format("%s: %s at 0x%x failed: %s", region.description(), what, address, e),
          e);
    } finally {
      progress.run();
    }
  }
}
