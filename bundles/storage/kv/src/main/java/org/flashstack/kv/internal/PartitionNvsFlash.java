package org.flashstack.kv.internal;

import java.io.IOException;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.kv.nvs.NvsFlash;
import org.flashstack.kv.nvs.NvsFormat;

/**
 * A flash partition as NVS pages: NVS erases 4 KiB at a time, so the partition's erase blocks must
 * be 4 KiB or divide it, and its size a whole number of pages.
 */
final class PartitionNvsFlash implements NvsFlash {

  private final FlashPartition partition;

  PartitionNvsFlash(FlashPartition partition) {
    if (partition.eraseSize() > NvsFormat.PAGE_SIZE
        || NvsFormat.PAGE_SIZE % partition.eraseSize() != 0) {
      throw new IllegalArgumentException(
          String.format(
              "partition %s erases %d bytes at a time; NVS needs 4096-byte pages (a device with 4 KiB"
                  + " sectors)",
              partition.name(), partition.eraseSize()));
    }
    if (partition.size() % NvsFormat.PAGE_SIZE != 0
        || partition.size() < NvsFormat.MIN_PARTITION_SIZE) {
      throw new IllegalArgumentException(
          String.format(
              "partition %s is %d bytes; NVS needs a multiple of 4096 bytes, at least 0x3000",
              partition.name(), partition.size()));
    }
    if (partition.readOnly()) {
      throw new IllegalArgumentException(
          "partition " + partition.name() + " is read-only; an NVS store writes");
    }
    this.partition = partition;
  }

  @Override
  public int pageCount() {
    return (int) (partition.size() / NvsFormat.PAGE_SIZE);
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
  public void erasePage(int page) throws IOException {
    try {
      partition.erase((long) page * NvsFormat.PAGE_SIZE, NvsFormat.PAGE_SIZE);
    } catch (FlashException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
