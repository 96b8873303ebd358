package org.flashstack.virtualizer.internal;

import java.util.Arrays;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;

/**
 * {@link org.flashstack.api.flash.Flash#update}, run as one queued operation: for each erase block
 * the range touches, if the cells already allow the new bytes (every 1 bit wanted is still 1) only
 * the new bytes are programmed; otherwise the block is read, erased and programmed back with the
 * new bytes in place. The range is read back and compared at the end.
 */
final class Update {
  private Update() {}

  /**
   * @return how many bytes were erased
   */
  static long run(FlashDevice device, long address, byte[] source, int offset, int length)
      throws FlashException {
    if (length == 0) {
      return 0;
    }
    FlashGeometry geometry = device.geometry();
    long end = address + length;
    long erased = 0;
    for (long block = geometry.blockStart(address); block < end; ) {
      long blockSize = geometry.blockSizeAt(block);
      long blockEnd = block + blockSize;
      long from = Math.max(block, address);
      long to = Math.min(blockEnd, end);
      int sourceFrom = offset + (int) (from - address);
      byte[] current = new byte[(int) (to - from)];
      device.read(from, current, 0, current.length);
      if (programmable(current, source, sourceFrom)) {
        device.program(from, source, sourceFrom, current.length);
      } else {
        byte[] merged = new byte[(int) blockSize];
        device.read(block, merged, 0, merged.length);
        System.arraycopy(source, sourceFrom, merged, (int) (from - block), current.length);
        device.erase(block, blockSize);
        erased += blockSize;
        device.program(block, merged, 0, merged.length);
      }
      block = blockEnd;
    }
    byte[] back = new byte[length];
    device.read(address, back, 0, length);
    int mismatch = Arrays.mismatch(back, 0, length, source, offset, offset + length);
    if (mismatch >= 0) {
      throw new FlashException(
          FlashError.DEVICE_FAULT,
          device.name(),
          "update",
          address + mismatch,
          String.format(
              "verify failed: wrote 0x%02x, read back 0x%02x",
              source[offset + mismatch] & 0xff, back[mismatch] & 0xff));
    }
    return erased;
  }

  private static boolean programmable(byte[] current, byte[] source, int sourceFrom) {
    for (int i = 0; i < current.length; i++) {
      byte wanted = source[sourceFrom + i];
      if ((current[i] & wanted) != wanted) {
        return false;
      }
    }
    return true;
  }
}
