package org.flashstack.kv.nvs;

/** The item types of NVS entries, with their codes. */
public enum NvsType {
  U8(0x01),
  I8(0x11),
  U16(0x02),
  I16(0x12),
  U32(0x04),
  I32(0x14),
  U64(0x08),
  I64(0x18),
  /** A NUL-terminated string. */
  STRING(0x21),
  /** A blob of format version 1, whole in one page. */
  BLOB(0x41),
  /** One chunk of a version 2 blob. */
  BLOB_DATA(0x42),
  /** The index of a version 2 blob: its size and chunks. */
  BLOB_INDEX(0x48);

  private final int code;

  NvsType(int code) {
    this.code = code;
  }

  /**
   * @return the type byte
   */
  public int code() {
    return code;
  }

  /**
   * @return whether the item is an integer held in the entry's data field
   */
  public boolean isInteger() {
    return code < 0x20;
  }

  /**
   * @return bytes of an integer type (1, 2, 4 or 8)
   */
  public int width() {
    return code & 0x0F;
  }

  /**
   * @return whether an integer type is signed
   */
  public boolean isSigned() {
    return (code & 0xF0) != 0;
  }

  /**
   * @return the type with {@code code}, or null for an unknown code
   */
  public static NvsType of(int code) {
    for (NvsType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }

  /**
   * @return the type of its lower-case name as the CSV and the shell write it (u8, i32, string,
   *     blob), or null
   */
  public static NvsType named(String name) {
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "u8" -> U8;
      case "i8" -> I8;
      case "u16" -> U16;
      case "i16" -> I16;
      case "u32" -> U32;
      case "i32" -> I32;
      case "u64" -> U64;
      case "i64" -> I64;
      case "string", "str" -> STRING;
      case "blob" -> BLOB_DATA;
      default -> null;
    };
  }

  /**
   * @return the smallest and largest value of an integer type, as longs (u64: the largest is -1,
   *     all bits set)
   */
  public long[] range() {
    int bits = 8 * width();
    if (isSigned()) {
      return new long[] {-(1L << (bits - 1)), (1L << (bits - 1)) - 1};
    }
    return new long[] {0, bits == 64 ? -1 : (1L << bits) - 1};
  }
}
