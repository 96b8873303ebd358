package org.flashstack.memprog.target.handlers;

import java.util.Map;
import org.flashstack.api.memprog.MemProgHandler;
import org.flashstack.memprog.protocol.MemProg;

/** The standard commands' handlers by command code, for a target run without OSGi. */
public final class StandardHandlers {
  private StandardHandlers() {}

  /**
   * @return MASS_ERASE, ERASE_RANGE, PROG_VERIFY, CRC, READ and QUERY_CAP
   */
  public static Map<Integer, MemProgHandler> all() {
    return Map.of(
        MemProg.CMD_MASS_ERASE, new MassEraseHandler(),
        MemProg.CMD_ERASE_RANGE, new EraseRangeHandler(),
        MemProg.CMD_PROG_VERIFY, new ProgVerifyHandler(),
        MemProg.CMD_CRC, new CrcHandler(),
        MemProg.CMD_READ, new ReadHandler(),
        MemProg.CMD_QUERY_CAP, new QueryCapHandler());
  }
}
