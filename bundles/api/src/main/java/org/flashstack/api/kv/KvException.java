package org.flashstack.api.kv;

/**
 * A request a store refuses, or a flash failure under it, with the ESP-IDF error the same request
 * gets on a device ({@code ESP_ERR_NVS_NOT_FOUND}, {@code ESP_ERR_NVS_KEY_TOO_LONG}, ...).
 */
public class KvException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String espError;

  /**
   * @param espError the ESP-IDF error name
   * @param message what was refused and why
   * @param cause the lower-level failure, or null
   */
  public KvException(String espError, String message, Throwable cause) {
    super(message, cause);
    this.espError = espError;
  }

  /**
   * @return the ESP-IDF error name
   */
  public String espError() {
    return espError;
  }
}
