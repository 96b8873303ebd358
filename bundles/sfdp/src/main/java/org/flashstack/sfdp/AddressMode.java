package org.flashstack.sfdp;

/** BFPT DWORD 1 bits 18:17, "Address Bytes": which address lengths the part takes. */
public enum AddressMode {
  /** 00b: 3-byte addressing only. */
  THREE("3"),
  /** 01b: 3- or 4-byte addressing (defaults to 3 at power-up). */
  THREE_OR_FOUR("3or4"),
  /** 10b: 4-byte addressing only. */
  FOUR("4"),
  /** 11b: reserved. */
  RESERVED("reserved");

  private final String text;

  AddressMode(String text) {
    this.text = text;
  }

  /**
   * @return the form scripts read: {@code "3"}, {@code "3or4"}, {@code "4"} or {@code "reserved"}
   */
  public String text() {
    return text;
  }

  static AddressMode ofBits(int bits) {
    return values()[bits & 0b11];
  }

  /**
   * @return the DWORD 1 bits 18:17 value
   */
  public int bits() {
    return ordinal();
  }
}
