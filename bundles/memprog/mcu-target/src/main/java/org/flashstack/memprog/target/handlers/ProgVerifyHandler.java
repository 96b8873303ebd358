package org.flashstack.memprog.target.handlers;

import org.flashstack.api.memprog.MemProgBuffer;
import org.flashstack.api.memprog.MemProgCall;
import org.flashstack.api.memprog.MemProgException;
import org.flashstack.api.memprog.MemProgHandler;
import org.flashstack.api.memprog.MemProgResult;
import org.flashstack.memprog.protocol.MemProg;
import org.flashstack.memprog.protocol.MemProgCrc;
import org.osgi.service.component.annotations.Component;

/**
 * PROG_VERIFY (0x10): programs each buffer's data at its Address (the buffer goes back to the host
 * as soon as its data is copied, so the host refills it while this one programs), reads it back,
 * and returns in P1 the CRC32 of everything read back, in order.
 */
@Component(property = MemProgHandler.COMMAND + ":Integer=" + MemProg.CMD_PROG_VERIFY)
public final class ProgVerifyHandler implements MemProgHandler {

  @Override
  public MemProgResult run(MemProgCall call) throws MemProgException, InterruptedException {
    byte[] data = new byte[call.bufferSize()];
    byte[] back = new byte[call.bufferSize()];
    MemProgCrc crc = new MemProgCrc();
    for (MemProgBuffer buffer = call.next(); buffer != null; buffer = call.next()) {
      long address = buffer.address();
      int length = buffer.length();
      buffer.read(data, 0);
      buffer.release();
      call.region().write(address, data, 0, length);
      call.region().read(address, back, 0, length);
      crc.update(back, 0, length);
    }
    return new MemProgResult(0, crc.value());
  }
}
