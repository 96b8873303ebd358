package org.flashstack.api.flash;

import java.time.Instant;

/**
 * The flash virtualizer's queue of one device, at one instant.
 *
 * @param device the device name
 * @param driver the driver serving it, or null when none does
 * @param driverSince when that driver was attached (or the device lost its driver), or null
 * @param queued operations waiting
 * @param inFlight operations running (0 or 1)
 * @param served operations completed (successfully or not) since the device appeared
 * @param failed of those, the ones that failed
 * @param waitedNanos total time operations spent waiting before they ran
 * @param maxWaitNanos the longest single wait
 * @param driverChanges how many times the serving driver changed
 * @param attachProblem why the drivers that could drive it did not attach, each named, when none
 *     serves it; null when one does or none was tried
 */
public record DeviceQueueStatistics(
    String device,
    String driver,
    Instant driverSince,
    int queued,
    int inFlight,
    long served,
    long failed,
    long waitedNanos,
    long maxWaitNanos,
    long driverChanges,
    String attachProblem) {

  /** Statistics without an attach problem (the 2.0 shape). */
  public DeviceQueueStatistics(
      String device,
      String driver,
      Instant driverSince,
      int queued,
      int inFlight,
      long served,
      long failed,
      long waitedNanos,
      long maxWaitNanos,
      long driverChanges) {
    this(
        device,
        driver,
        driverSince,
        queued,
        inFlight,
        served,
        failed,
        waitedNanos,
        maxWaitNanos,
        driverChanges,
        null);
  }
}
