package org.flashstack.memprog.target.handlers;

import org.flashstack.api.memprog.MemProgException;
import org.flashstack.api.memprog.MemProgRegion;

/** Erases in steps of whole erase units of about 256 KiB, so each step counts as progress. */
final class Erasing {
  private Erasing() {}

  private static final long STEP = 256 << 10;

  static void erase(MemProgRegion region, long address, long length) throws MemProgException {
    // a region handlers get checks an empty erase (bound, in range, aligned) and does nothing more
    region.erase(address, 0);
    long unit = region.eraseSize();
    long step = Math.max(unit, STEP / unit * unit);
    long end = address + length;
    for (long at = address; at < end; at += step) {
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        return;
      }
      region.erase(at, Math.min(step, end - at));
    }
  }
}
