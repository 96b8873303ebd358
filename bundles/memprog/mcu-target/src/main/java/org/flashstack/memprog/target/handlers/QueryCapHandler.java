package org.flashstack.memprog.target.handlers;

import org.flashstack.api.memprog.MemProgCall;
import org.flashstack.api.memprog.MemProgHandler;
import org.flashstack.api.memprog.MemProgResult;
import org.flashstack.memprog.protocol.MemProg;
import org.osgi.service.component.annotations.Component;

/**
 * QUERY_CAP (0x7F): Code the protocol version (0x00020000), P1 the BDT base, P2 the buffer base, P3
 * {@code count << 24 | size}.
 */
@Component(property = MemProgHandler.COMMAND + ":Integer=" + MemProg.CMD_QUERY_CAP)
public final class QueryCapHandler implements MemProgHandler {

  @Override
  public MemProgResult run(MemProgCall call) {
    return call.capabilities();
  }
}
