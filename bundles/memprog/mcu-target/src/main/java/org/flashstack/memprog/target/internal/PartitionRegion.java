package org.flashstack.memprog.target.internal;

import org.flashstack.api.flash.FlashException;
import org.flashstack.api.memprog.MemProgException;
import org.flashstack.api.memprog.MemProgRegion;
import org.flashstack.api.partition.FlashPartition;

/** An interface bound to a partition. */
final class PartitionRegion implements MemProgRegion {

  private final FlashPartition partition;

  PartitionRegion(FlashPartition partition) {
    this.partition = partition;
  }

  @Override
  public String description() {
    return Regions.PARTITION + partition.name();
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
  public boolean readOnly() {
    return partition.readOnly();
  }

  @Override
  public void read(long address, byte[] destination, int offset, int length)
      throws MemProgException {
    try {
      partition.read(address, destination, offset, length);
    } catch (FlashException e) {
      throw Regions.failure(e);
    }
  }

  @Override
  public void write(long address, byte[] source, int offset, int length) throws MemProgException {
    try {
      partition.write(address, source, offset, length);
    } catch (FlashException e) {
      throw Regions.failure(e);
    }
  }

  @Override
  public void erase(long address, long length) throws MemProgException {
    try {
      partition.erase(address, length);
    } catch (FlashException e) {
      throw Regions.failure(e);
    }
  }
}
