package org.flashstack.memprog.target;

import org.flashstack.api.memprog.MemProgException;
import org.flashstack.api.memprog.MemProgRegion;
import org.flashstack.memprog.protocol.TargetCode;

/**
 * An interface whose partition or device is not up: size 0, and every operation fails with
 * ERR_EXECUTION, Code UNBOUND.
 */
public final class UnboundRegion implements MemProgRegion {

  private final String binding;

  /**
   * @param binding what the interface is bound to: {@code partition:staging}
   */
  public UnboundRegion(String binding) {
    this.binding = binding;
  }

  /**
   * @return the failure every operation ends in
   */
  public MemProgException failure() {
    return new MemProgException(
        MemProgException.ERR_EXECUTION, TargetCode.UNBOUND.value(), binding + " is not up");
  }

  @Override
  public String description() {
    return binding + " (not up)";
  }

  @Override
  public long size() {
    return 0;
  }

  @Override
  public long eraseSize() {
    return 1;
  }

  @Override
  public boolean readOnly() {
    return false;
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length)
      throws MemProgException {
    throw failure();
  }

  @Override
  public void write(long address, byte[] source, int offset, int length) throws MemProgException {
    throw failure();
  }

  @Override
  public void erase(long address, long length) throws MemProgException {
    throw failure();
  }
}
