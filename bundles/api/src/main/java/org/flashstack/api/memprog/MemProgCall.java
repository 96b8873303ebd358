package org.flashstack.api.memprog;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One command running on one target interface, as its handler sees it: the parameters the host
 * started it with, the region the interface is bound to, and the buffers the host sends, in
 * sequence order.
 *
 * @since 1.1
 */
@ProviderType
public interface MemProgCall {

  /**
   * @return the interface number
   */
  int iface();

  /**
   * @return the command code
   */
  int command();

  /**
   * @return P{@code n} (1 to 6) as the host started the command
   */
  long parameter(int n);

  /**
   * @return what the interface is bound to
   */
  MemProgRegion region();

  /**
   * @return the size of every buffer; no Length exceeds it
   */
  int bufferSize();

  /**
   * @return the target's layout as QUERY_CAP reports it: Code, P1 (BDT base), P2 (buffer base), P3
   *     (count &lt;&lt; 24 | size)
   */
  MemProgResult capabilities();

  /**
   * Waits for the next buffer the host sends this interface, in sequence order.
   *
   * @return the buffer, or {@code null} once the last one (Sequence 0x80) was taken
   * @throws MemProgException ERR_TIMEOUT if none comes within the target's limit, ERR_PARAM if the
   *     host sent one out of order or with a bad Length
   * @throws InterruptedException if the command is being ended (timed out, target stopping)
   */
  MemProgBuffer next() throws MemProgException, InterruptedException;
}
