package org.flashstack.api.memprog;

import java.io.IOException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to reach MemProgLib targets, one service per URI scheme, registered with {@link #SCHEME}:
 * {@code jvm} (a target simulated in this framework), {@code shm} (a memory-mapped file shared with
 * another process). A host opens {@code scheme:location} through the transport of that scheme.
 *
 * @since 1.1
 */
@ConsumerType
public interface TargetTransport {

  /** The service property naming the scheme a transport serves: {@code (memprog.scheme=shm)}. */
  String SCHEME = "memprog.scheme";

  /**
   * @return the scheme, without the colon
   */
  String scheme();

  /**
   * @return what a location looks like, for help texts and errors: {@code
   *     "shm:<file>?base=0x20000000&param=0x20000000"}
   */
  String syntax();

  /**
   * Opens a link to the target at {@code location} (the URI after {@code scheme:}).
   *
   * @throws IllegalArgumentException if the location is malformed or names no target, saying why
   * @throws IOException if the transport cannot reach it
   */
  TargetLink open(String location) throws IOException;
}
