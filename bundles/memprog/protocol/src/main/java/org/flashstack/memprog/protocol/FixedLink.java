package org.flashstack.memprog.protocol;

import org.flashstack.api.memprog.TargetLink;
import org.flashstack.api.memprog.TargetMemory;

/**
 * A link to a target whose RAM and PARAM address are known: what transports and tests hand a host.
 *
 * @param memory the target's RAM
 * @param paramAddress where MEMPROG_PARAM is
 * @param uri the link as a URI
 * @param onClose what closing the link does (let go of a mapping), or nothing
 */
public record FixedLink(TargetMemory memory, long paramAddress, String uri, Runnable onClose)
    implements TargetLink {

  /** A link whose closing does nothing (the RAM belongs to someone else). */
  public FixedLink(TargetMemory memory, long paramAddress, String uri) {
    this(memory, paramAddress, uri, () -> {});
  }

  @Override
  public void close() {
    onClose.run();
  }
}
