package org.flashstack.api.memprog;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A buffer the host passed to a target interface, held by the command's handler until it {@link
 * #release()}s it (back to the host, FREE) or {@link #reply}s with it (back to the host, FULL, with
 * data). The target checked its Length against the buffer size and took it in sequence order. A
 * handler touches the buffer only through these methods, so it never writes outside it; after the
 * command ended (finished or timed out) they throw {@link IllegalStateException}.
 *
 * @since 1.1
 */
@ProviderType
public interface MemProgBuffer {

  /**
   * @return the BDT's Address: where the data goes or comes from, in the interface's terms
   */
  long address();

  /**
   * @return the BDT's Length: bytes held, or bytes asked for (at most the buffer size)
   */
  int length();

  /**
   * @return the BDT's Sequence as sent (0 to 0x7F, or 0x80 for the last)
   */
  int sequence();

  /**
   * @return whether it is the command's last buffer
   */
  boolean last();

  /**
   * Copies the first {@link #length()} bytes the buffer holds into {@code destination[offset..]}.
   */
  void read(byte[] destination, int offset);

  /** Hands the buffer back to the host, FREE. */
  void release();

  /**
   * Fills the buffer with {@code length} bytes of {@code source[offset..]} (at most the buffer
   * size) and hands it back to the host, FULL, with the interface's next response sequence number
   * (0x80 when this answers the command's last buffer).
   */
  void reply(long address, byte[] source, int offset, int length);
}
