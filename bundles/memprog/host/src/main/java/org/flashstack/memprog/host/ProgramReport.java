package org.flashstack.memprog.host;

import java.time.Duration;

/**
 * What a program job did.
 *
 * @param bytesWritten image bytes sent and programmed
 * @param bytesSkipped image bytes left alone because the target already held them
 * @param bytesErased bytes erased
 * @param time how long it took
 */
public record ProgramReport(long bytesWritten, long bytesSkipped, long bytesErased, Duration time) {

  /**
   * @return bytes written per second
   */
  public double bytesPerSecond() {
    double seconds = time.toNanos() / 1e9;
    return seconds > 0 ? bytesWritten / seconds : 0;
  }

  /**
   * @return {@code "written 1048576 bytes, skipped 0 bytes, erased 1048576 bytes in 0.012 s (85.3
   *     MB/s)"}
   */
  public String summary() {
    return String.format(
        "written %d bytes, skipped %d bytes, erased %d bytes in %.3f s (%.1f MB/s)",
        bytesWritten, bytesSkipped, bytesErased, time.toNanos() / 1e9, bytesPerSecond() / 1e6);
  }
}
