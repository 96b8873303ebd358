package org.flashstack.update;

import org.flashstack.api.flash.FlashException;

/**
 * Where a slot lives: a range of NOR flash that reads, programs (clearing bits only) and erases
 * whole erase blocks. Errors are {@link FlashException}s; a lost power is {@code POWER_LOST}.
 */
public interface UpdateRegion {

  /**
   * @return its name (the partition's)
   */
  String name();

  /**
   * @return its size in bytes
   */
  long size();

  /**
   * @return its erase block size
   */
  long eraseSize();

  void read(long address, byte[] destination, int offset, int length) throws FlashException;

  void program(long address, byte[] source, int offset, int length) throws FlashException;

  void erase(long address, long length) throws FlashException;
}
