package org.flashstack.memprog.host;

/** Hears how far a job got. */
@FunctionalInterface
public interface ProgressListener {

  /** Hears nothing. */
  ProgressListener NONE = (phase, done, total) -> {};

  /**
   * @param phase what the job does now: "checking", "reading", "erasing", "programming",
   *     "verifying"
   * @param done image bytes dealt with so far
   * @param total image bytes in all
   */
  void progress(String phase, long done, long total);
}
