package org.flashstack.api.memprog;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A host's way to one MemProgLib target: the target's RAM, and where in it MEMPROG_PARAM is (which
 * QUERY_CAP cannot tell; the transport's configuration or the target does). Closing it lets go of
 * the transport's resources (a mapping, a debug link); the target runs on.
 *
 * @since 1.1
 */
@ProviderType
public interface TargetLink extends AutoCloseable {

  /**
   * @return the target's RAM
   */
  TargetMemory memory();

  /**
   * @return the target address of MEMPROG_PARAM
   */
  long paramAddress();

  /**
   * @return the link as a URI a user can give again: {@code jvm:default}, {@code
   *     shm:/tmp/target.ram?base=0x20000000&param=0x20000000}
   */
  String uri();

  /** Lets go of the transport's resources; later accesses throw {@link IllegalStateException}. */
  @Override
  void close();
}
