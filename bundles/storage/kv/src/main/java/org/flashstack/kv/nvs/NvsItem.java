package org.flashstack.kv.nvs;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One value an NVS image holds.
 *
 * @param namespace the namespace's name
 * @param key the key
 * @param type the value's type: an integer type, {@link NvsType#STRING}, or {@link
 *     NvsType#BLOB_DATA} for a blob (either blob format)
 * @param integer the value of an integer type (u64 as its bits)
 * @param bytes a string's bytes without the NUL, or a blob's bytes; null for integers
 */
public record NvsItem(String namespace, String key, NvsType type, long integer, byte[] bytes) {

  /**
   * @return the type as the CSV and the shell name it (u8 ... i64, string, blob)
   */
  public String typeName() {
    return switch (type) {
      case STRING -> "string";
      case BLOB, BLOB_DATA, BLOB_INDEX -> "blob";
      default -> type.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /**
   * @return the value as text: the number (unsigned for unsigned types), the string, or the blob in
   *     hexadecimal
   */
  public String valueText() {
    if (type.isInteger()) {
      return type == NvsType.U64 ? Long.toUnsignedString(integer) : Long.toString(integer);
    }
    if (type == NvsType.STRING) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return HexFormat.of().formatHex(bytes);
  }
}
