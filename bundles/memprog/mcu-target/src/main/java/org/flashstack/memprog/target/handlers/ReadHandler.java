package org.flashstack.memprog.target.handlers;

import org.flashstack.api.memprog.MemProgBuffer;
import org.flashstack.api.memprog.MemProgCall;
import org.flashstack.api.memprog.MemProgException;
import org.flashstack.api.memprog.MemProgHandler;
import org.flashstack.api.memprog.MemProgResult;
import org.flashstack.memprog.protocol.MemProg;
import org.osgi.service.component.annotations.Component;

/**
 * READ (0x50): each buffer asks for Length bytes from Address; it goes back to the host FULL with
 * them, numbered with the interface's own response sequence (0x80 for the answer to the last).
 */
@Component(property = MemProgHandler.COMMAND + ":Integer=" + MemProg.CMD_READ)
public final class ReadHandler implements MemProgHandler {

  @Override
  public MemProgResult run(MemProgCall call) throws MemProgException, InterruptedException {
    byte[] data = new byte[call.bufferSize()];
    for (MemProgBuffer buffer = call.next(); buffer != null; buffer = call.next()) {
      call.region().read(buffer.address(), data, 0, buffer.length());
      buffer.reply(buffer.address(), data, 0, buffer.length());
    }
    return MemProgResult.OK;
  }
}
