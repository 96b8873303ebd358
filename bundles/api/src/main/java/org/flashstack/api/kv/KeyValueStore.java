package org.flashstack.api.kv;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A key-value store on a flash partition, in the ESP-IDF NVS format: namespaces of typed values
 * with ESP-IDF's limits (keys and namespaces of at most 15 characters, 254 namespaces, strings of
 * at most 4000 bytes with their NUL, blobs of at most 508,000 bytes). A value is written to flash
 * before {@code set} returns (a power cut afterwards loses nothing); {@link #commit} is there for
 * code written against ESP-IDF's API and writes nothing more.
 *
 * <p>Service properties: {@code kv.name} (the store) and {@code partition.name}. Provider type:
 * methods are added in minor versions.
 */
@ProviderType
public interface KeyValueStore {

  /** Service property: the store's name. */
  String NAME = "kv.name";

  /**
   * @return the store's name
   */
  String name();

  /**
   * @return the partition it lives on
   */
  String partition();

  /**
   * @return the namespaces, in name order
   */
  List<String> namespaces() throws KvException;

  /**
   * @return the values of {@code namespace}, or of every namespace if null, by namespace and key
   * @throws KvException ESP_ERR_NVS_NOT_FOUND for a namespace that is not there
   */
  List<KvValue> list(String namespace) throws KvException;

  /**
   * @return the value of {@code key}
   * @throws KvException ESP_ERR_NVS_NOT_FOUND if there is none
   */
  KvValue get(String namespace, String key) throws KvException;

  /**
   * Sets an integer, creating the namespace if needed.
   *
   * @throws KvException ESP_ERR_NVS_VALUE_TOO_LONG if it does not fit the type, and the errors of
   *     keys and space
   */
  void setInteger(String namespace, String key, KvType type, long value) throws KvException;

  /** Sets a string. */
  void setString(String namespace, String key, String value) throws KvException;

  /** Sets a blob. */
  void setBlob(String namespace, String key, byte[] value) throws KvException;

  /**
   * Sets a value given as text, as the shell and the CSV write it: a number for integer types
   * (decimal or 0x hexadecimal), the text for a string, hexadecimal for a blob.
   */
  void set(String namespace, String key, KvType type, String value) throws KvException;

  /**
   * Erases {@code key}.
   *
   * @throws KvException ESP_ERR_NVS_NOT_FOUND if there is none
   */
  void erase(String namespace, String key) throws KvException;

  /** What ESP-IDF's {@code nvs_commit} does: values are on flash already; nothing to do. */
  void commit() throws KvException;

  /**
   * @return the store's statistics
   */
  KvStatistics statistics() throws KvException;

  /**
   * @return the partition's bytes: an NVS image, as a device's NVS partition dump is
   */
  byte[] exportImage() throws KvException;

  /**
   * Replaces the store's contents with an NVS image (a dump from a device, or one {@code
   * ./flashstack nvs generate} made): the image is checked first (its size must be the partition's,
   * and it must read as NVS); then, if {@code write}, the partition is erased, the image written
   * and the store opened on it, as ESP-IDF opens a partition at {@code nvs_flash_init}.
   *
   * @param write false to check and describe the image only
   * @return what the image holds, one line per value ({@code namespace/key type value}), then what
   *     was skipped ({@code skipped: ...})
   * @throws KvException ESP_ERR_INVALID_SIZE or ESP_ERR_NVS_INVALID_STATE for an image that is not
   *     one for this partition; nothing on flash changes then
   */
  List<String> importImage(byte[] image, boolean write) throws KvException;
}
