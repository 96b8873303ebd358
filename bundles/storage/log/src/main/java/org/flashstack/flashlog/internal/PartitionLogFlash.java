package org.flashstack.flashlog.internal;

import java.io.IOException;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.flashlog.LogFlash;

/** A flash partition as log units: its erase blocks. */
final class PartitionLogFlash implements LogFlash {

  private final FlashPartition partition;

  PartitionLogFlash(FlashPartition partition) {
    if (partition.readOnly()) {
      throw new IllegalArgumentException(
          "partition " + partition.name() + " is read-only; a record log appends");
    }
    if (partition.eraseSize() > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException(
          "partition " + partition.name() + ": erase blocks too large");
    }
    this.partition = partition;
  }

  @Override
  public int unitSize() {
    return (int) partition.eraseSize();
  }

  @Override
  public int units() {
    return (int) (partition.size() / partition.eraseSize());
  }

  @Override
  public void read(long offset, byte[] destination, int from, int length) throws IOException {
    try {
      partition.read(offset, destination, from, length);
    } catch (FlashException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void program(long offset, byte[] source, int from, int length) throws IOException {
    try {
      partition.write(offset, source, from, length);
    } catch (FlashException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void eraseUnit(int unit) throws IOException {
    try {
      partition.erase((long) unit * partition.eraseSize(), partition.eraseSize());
    } catch (FlashException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
