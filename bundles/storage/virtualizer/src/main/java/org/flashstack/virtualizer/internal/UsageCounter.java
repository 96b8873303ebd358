package org.flashstack.virtualizer.internal;

import org.flashstack.api.flash.FlashUsage;

/**
 * One user's counts on one device. Only the device's holder counts (one at a time, ordered by the
 * queue's busy flag), so the fields are plain; a reader sees values at most an operation old.
 */
final class UsageCounter {

  private final String user;
  private long reads;
  private long programs;
  private long erases;
  private long bytesRead;
  private long bytesProgrammed;
  private long bytesErased;
  private long failed;
  private long queuedNanos;
  private long maxQueuedNanos;

  UsageCounter(String user) {
    this.user = user;
  }

  /**
   * @return the user's name, or null for the device's own view
   */
  String user() {
    return user;
  }

  void read(long bytes) {
    reads++;
    bytesRead += bytes;
  }

  void programmed(long bytes) {
    programs++;
    bytesProgrammed += bytes;
  }

  void erased(long bytes) {
    erases++;
    bytesErased += bytes;
  }

  void failed() {
    failed++;
  }

  void queued(long nanos) {
    queuedNanos += nanos;
    maxQueuedNanos = Math.max(maxQueuedNanos, nanos);
  }

  FlashUsage snapshot() {
    return new FlashUsage(
        user,
        reads,
        programs,
        erases,
        bytesRead,
        bytesProgrammed,
        bytesErased,
        failed,
        queuedNanos,
        maxQueuedNanos);
  }
}
