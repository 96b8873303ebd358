package org.flashstack.shell.internal;

import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashGeometry;

/** Counts the erase blocks of a range, for summaries. */
final class BlockRange {
  private BlockRange() {}

  static int blocks(Flash flash, long address, long length) {
    FlashGeometry geometry = flash.geometry();
    int count = 0;
    for (long at = address; at < address + length; at += geometry.blockSizeAt(at)) {
      count++;
    }
    return count;
  }
}
