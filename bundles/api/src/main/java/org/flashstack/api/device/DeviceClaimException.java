package org.flashstack.api.device;

/**
 * A device could not be claimed: another owner holds it and did not let go within the time the
 * caller was willing to wait. Nothing was done to the device.
 */
public class DeviceClaimException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String device;
  private final String holder;

  /**
   * @param device the device that was asked for
   * @param holder who holds it
   * @param message names both and how long the caller waited
   */
  public DeviceClaimException(String device, String holder, String message) {
    super(message);
    this.device = device;
    this.holder = holder;
  }

  /**
   * @return the device that was asked for
   */
  public String device() {
    return device;
  }

  /**
   * @return the owner that holds it
   */
  public String holder() {
    return holder;
  }
}
