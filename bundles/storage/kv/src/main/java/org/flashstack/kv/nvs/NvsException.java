package org.flashstack.kv.nvs;

/**
 * A request NVS refuses, with ESP-IDF's error name ({@code ESP_ERR_NVS_KEY_TOO_LONG}, ...) and what
 * was wrong.
 */
public class NvsException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String espError;

  /**
   * @param espError the ESP-IDF error the same request gets, e.g. {@code
   *     ESP_ERR_NVS_NOT_ENOUGH_SPACE}
   * @param message what was refused and why
   */
  public NvsException(String espError, String message) {
    super(message + " (" + espError + ")");
    this.espError = espError;
  }

  /**
   * @return the ESP-IDF error name
   */
  public String espError() {
    return espError;
  }
}
