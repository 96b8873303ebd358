package org.flashstack.memprog.host;

/**
 * What one buffer carries to the target: an Address, a Length, and for data commands the bytes
 * {@code data[offset .. offset + length)} ({@code null} for requests, as CRC and READ send).
 *
 * @param address the BDT's Address
 * @param length the BDT's Length (1 to the buffer size)
 * @param data the bytes, or {@code null}
 * @param offset where they start in {@code data}
 */
public record Chunk(long address, int length, byte[] data, int offset) {

  /**
   * @return a request for {@code length} bytes at {@code address}
   */
  public static Chunk request(long address, int length) {
    return new Chunk(address, length, null, 0);
  }
}
