package org.flashstack.update;

import org.flashstack.api.flash.FlashException;
import org.flashstack.api.partition.FlashPartition;

/** A partition as an update slot. */
public final class PartitionRegion implements UpdateRegion {

  private final FlashPartition partition;

  public PartitionRegion(FlashPartition partition) {
    this.partition = partition;
  }

  @Override
  public String name() {
    return partition.name();
  }

  @Override
  public long size() {
    return partition.size();
  }

  @Override
  public long eraseSize() {
    return partition.eraseSize();
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length) throws FlashException {
    partition.read(address, destination, offset, length);
  }

  @Override
  public void program(long address, byte[] source, int offset, int length) throws FlashException {
    partition.write(address, source, offset, length);
  }

  @Override
  public void erase(long address, long length) throws FlashException {
    partition.erase(address, length);
  }
}
