package org.flashstack.api.kv;

import java.util.Locale;

/** The types of values a store holds, as ESP-IDF's NVS names them. */
public enum KvType {
  U8(1, false),
  I8(1, true),
  U16(2, false),
  I16(2, true),
  U32(4, false),
  I32(4, true),
  U64(8, false),
  I64(8, true),
  /** Text, stored with its NUL; at most 4000 bytes with it. */
  STRING(0, false),
  /** Bytes, split into chunks across pages; at most 508,000 bytes. */
  BLOB(0, false);

  private final int width;
  private final boolean signed;

  KvType(int width, boolean signed) {
    this.width = width;
    this.signed = signed;
  }

  /**
   * @return whether the type is an integer
   */
  public boolean isInteger() {
    return width > 0;
  }

  /**
   * @return bytes of an integer type
   */
  public int width() {
    return width;
  }

  /**
   * @return whether an integer type is signed
   */
  public boolean isSigned() {
    return signed;
  }

  /**
   * @return the lower-case name the shell and the CSV use (u8 ... i64, string, blob)
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @return the type of that name (case does not matter; "str" is a string)
   * @throws IllegalArgumentException naming the types there are
   */
  public static KvType parse(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    if (n.equals("STR")) {
      return STRING;
    }
    try {
      return valueOf(n);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a type: u8, i8, u16, i16, u32, i32, u64, i64, string or blob");
    }
  }
}
