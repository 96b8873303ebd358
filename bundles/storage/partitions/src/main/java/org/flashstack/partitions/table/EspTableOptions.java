package org.flashstack.partitions.table;

import java.util.Map;

/**
 * The settings {@code gen_esp32part.py} takes on its command line that change how a table is read,
 * checked and written.
 *
 * @param tableOffset where the partition table sits on the flash ({@code --offset}, 0x8000)
 * @param md5 whether the binary carries (and a binary read is checked against) the MD5 entry (on
 *     unless {@code --disable-md5sum})
 * @param primaryBootloaderOffset {@code --primary-bootloader-offset}, or null
 * @param recoveryBootloaderOffset {@code --recovery-bootloader-offset}, or null
 * @param secure null, {@code v1} or {@code v2} ({@code --secure}): the app size alignment
 * @param flashSize {@code --flash-size} in bytes, or 0 for no limit
 * @param verify whether the table is checked (off with {@code --no-verify})
 * @param environment what {@code $NAME} in a CSV expands to
 */
public record EspTableOptions(
    long tableOffset,
    boolean md5,
    Long primaryBootloaderOffset,
    Long recoveryBootloaderOffset,
    String secure,
    long flashSize,
    boolean verify,
    Map<String, String> environment) {

  /** ESP-IDF's default CONFIG_PARTITION_TABLE_OFFSET. */
  public static final long DEFAULT_TABLE_OFFSET = 0x8000;

  /** The flash sector the table occupies. */
  public static final long TABLE_SECTOR = 0x1000;

  /** The tool's defaults, with no environment variables. */
  public static EspTableOptions defaults() {
    return new EspTableOptions(DEFAULT_TABLE_OFFSET, true, null, null, null, 0, true, Map.of());
  }

  public EspTableOptions {
    environment = Map.copyOf(environment);
    if (secure != null && !secure.equals("v1") && !secure.equals("v2")) {
      throw new IllegalArgumentException("secure boot is v1 or v2, not " + secure);
    }
  }

  public EspTableOptions withTableOffset(long offset) {
    return new EspTableOptions(
        offset,
        md5,
        primaryBootloaderOffset,
        recoveryBootloaderOffset,
        secure,
        flashSize,
        verify,
        environment);
  }

  public EspTableOptions withMd5(boolean on) {
    return new EspTableOptions(
        tableOffset,
        on,
        primaryBootloaderOffset,
        recoveryBootloaderOffset,
        secure,
        flashSize,
        verify,
        environment);
  }

  public EspTableOptions withBootloaderOffsets(Long primary, Long recovery) {
    return new EspTableOptions(
        tableOffset, md5, primary, recovery, secure, flashSize, verify, environment);
  }

  public EspTableOptions withSecure(String version) {
    return new EspTableOptions(
        tableOffset,
        md5,
        primaryBootloaderOffset,
        recoveryBootloaderOffset,
        version,
        flashSize,
        verify,
        environment);
  }

  public EspTableOptions withFlashSize(long bytes) {
    return new EspTableOptions(
        tableOffset,
        md5,
        primaryBootloaderOffset,
        recoveryBootloaderOffset,
        secure,
        bytes,
        verify,
        environment);
  }

  public EspTableOptions withVerify(boolean on) {
    return new EspTableOptions(
        tableOffset,
        md5,
        primaryBootloaderOffset,
        recoveryBootloaderOffset,
        secure,
        flashSize,
        on,
        environment);
  }

  public EspTableOptions withEnvironment(Map<String, String> variables) {
    return new EspTableOptions(
        tableOffset,
        md5,
        primaryBootloaderOffset,
        recoveryBootloaderOffset,
        secure,
        flashSize,
        verify,
        variables);
  }
}
