package org.flashstack.api.kv;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A value with its namespace, key and type.
 *
 * @param namespace the namespace
 * @param key the key (at most 15 characters)
 * @param type the type
 * @param integer an integer type's value (u64 as its bits)
 * @param bytes a string's UTF-8 bytes (without the NUL) or a blob's bytes; null for integers
 */
public record KvValue(String namespace, String key, KvType type, long integer, byte[] bytes) {

  /**
   * @return the value as text: the number (unsigned for unsigned types), the string, or the blob in
   *     hexadecimal
   */
  public String text() {
    return switch (type) {
      case STRING -> new String(bytes, StandardCharsets.UTF_8);
      case BLOB -> HexFormat.of().formatHex(bytes);
      case U64 -> Long.toUnsignedString(integer);
      default -> Long.toString(integer);
    };
  }
}
