package org.flashstack.sfdp;

/** BFPT DWORD 15 bits 22:20, "Quad Enable Requirements (QER)". */
public enum QuadEnableRequirement {
  /** 000b: no QE bit; the part detects 1-1-4 and 1-4-4 reads by instruction. */
  NONE("no quad enable bit"),
  /**
   * 001b: QE is bit 1 of status register 2, written with the second byte of Write Status (0x01); a
   * one-byte Write Status clears status register 2.
   */
  SR2_BIT1_WRITE_TWO_BYTES_ONE_BYTE_CLEARS(
      "QE is SR2 bit 1, written by the second byte of 01h; a 1-byte 01h clears SR2"),
  /** 010b: QE is bit 6 of status register 1, written with one byte of 0x01. */
  SR1_BIT6("QE is SR1 bit 6, written with 01h"),
  /** 011b: QE is bit 7 of status register 2, written with 0x3e, read with 0x3f. */
  SR2_BIT7("QE is SR2 bit 7, written with 3Eh and read with 3Fh"),
  /** 100b: QE is bit 1 of status register 2, written with two bytes of 0x01. */
  SR2_BIT1_WRITE_TWO_BYTES("QE is SR2 bit 1, written by the second byte of 01h"),
  /** 101b: QE is bit 1 of status register 2, read with 0x35, written with two bytes of 0x01. */
  SR2_BIT1_READ_35_WRITE_TWO_BYTES("QE is SR2 bit 1, read with 35h, written by 01h with 2 bytes"),
  /** 110b: QE is bit 1 of status register 2, read with 0x35, written with one byte of 0x31. */
  SR2_BIT1_WRITE_31("QE is SR2 bit 1, read with 35h, written with 31h"),
  /** 111b: reserved. */
  RESERVED("reserved");

  private final String description;

  QuadEnableRequirement(String description) {
    this.description = description;
  }

  /**
   * @return what a driver does to enable quad reads, in the standard's words
   */
  public String description() {
    return description;
  }

  /**
   * @return the 3-bit QER value
   */
  public int bits() {
    return ordinal();
  }

  static QuadEnableRequirement ofBits(int bits) {
    return values()[bits & 0b111];
  }
}
