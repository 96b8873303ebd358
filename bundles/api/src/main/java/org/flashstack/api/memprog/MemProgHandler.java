package org.flashstack.api.memprog;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs one MemProgLib command on a target, registered as a service with {@link #COMMAND} (an
 * Integer): the standard commands come with the target, custom ones (0x80 and up) from any bundle.
 * The target runs each call on a thread of its own; the handler may block (on the region, on {@link
 * MemProgCall#next()}) but must return or throw within the target's handler time limit, or the
 * command ends with ERR_TIMEOUT and the handler's buffers are taken back.
 *
 * @since 1.1
 */
@ConsumerType
public interface MemProgHandler {

  /** The service property with the command code a handler serves: {@code (memprog.command=128)}. */
  String COMMAND = "memprog.command";

  /**
   * Runs the command.
   *
   * @return the OK result's Code and parameters
   * @throws MemProgException the error result
   * @throws InterruptedException if the call is being ended
   */
  MemProgResult run(MemProgCall call) throws MemProgException, InterruptedException;
}
