package org.flashstack.memprog.host;

import java.io.IOException;

/** Takes the buffers a target sends back (READ), in their sequence order. */
@FunctionalInterface
public interface ReplySink {

  /**
   * Takes one buffer's data; {@code data} is only valid during the call.
   *
   * @param address the buffer's Address
   * @param data the bytes
   * @param length how many
   * @throws IOException to end the command with this failure
   */
  void accept(long address, byte[] data, int length) throws IOException;
}
