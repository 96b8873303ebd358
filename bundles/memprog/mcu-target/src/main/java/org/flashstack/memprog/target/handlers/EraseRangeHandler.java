package org.flashstack.memprog.target.handlers;

import org.flashstack.api.memprog.MemProgCall;
import org.flashstack.api.memprog.MemProgException;
import org.flashstack.api.memprog.MemProgHandler;
import org.flashstack.api.memprog.MemProgResult;
import org.osgi.service.component.annotations.Component;

/**
 * ERASE_RANGE (0x01): erases P2 bytes from P1, whole erase units of the region (ERR_PARAM with
 * MISALIGNED or OUT_OF_RANGE otherwise, before anything is erased).
 */
@Component(property = MemProgHandler.COMMAND + ":Integer=1")
public final class EraseRangeHandler implements MemProgHandler {

  @Override
  public MemProgResult run(MemProgCall call) throws MemProgException {
    long start = call.parameter(1);
    long length = call.parameter(2);
    if (length > 0) {
      checkWhole(call, start, length);
      Erasing.erase(call.region(), start, length);
    }
    return MemProgResult.OK;
  }

  private static void checkWhole(MemProgCall call, long start, long length)
      throws MemProgException {
    long unit = call.region().eraseSize();
    if (start + length > call.region().size() || start % unit != 0 || length % unit != 0) {
      // the whole range is checked before any step is erased: the region's own check refuses it
      // and says exactly what is wrong, erasing nothing
      call.region().erase(start, length);
    }
  }
}
