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
 * CRC (0x40): each buffer carries an Address and a Length (at most the buffer size); returns in P1
 * the CRC32 of those ranges of the region, in order.
 */
@Component(property = MemProgHandler.COMMAND + ":Integer=" + MemProg.CMD_CRC)
public final class CrcHandler implements MemProgHandler {

  @Override
  public MemProgResult run(MemProgCall call) throws MemProgException, InterruptedException {
    byte[] data = new byte[call.bufferSize()];
    MemProgCrc crc = new MemProgCrc();
    for (MemProgBuffer buffer = call.next(); buffer != null; buffer = call.next()) {
      long address = buffer.address();
      int length = buffer.length();
      buffer.release();
      call.region().read(address, data, 0, length);
      crc.update(data, 0, length);
    }
    return new MemProgResult(0, crc.value());
  }
}
