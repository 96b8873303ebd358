package org.flashstack.sfdp;

import java.util.ArrayList;
import java.util.List;

/** The fields of one Basic Flash Parameter Table, DWORD by DWORD (JESD216 section 6.4). */
final class BasicTableDecoder {

  private final byte[] space;
  private final SfdpParameterHeader header;

  private BasicTableDecoder(byte[] space, SfdpParameterHeader header) {
    this.space = space;
    this.header = header;
  }

  static BasicFlashParameterTable decode(byte[] space, SfdpParameterHeader header)
      throws SfdpFormatException {
    return new BasicTableDecoder(space, header).decode();
  }

  /** DWORD {@code n} (1-based) of the table, or null when the table is shorter. */
  private Integer dword(int n) {
    return n <= header.lengthDwords()
        ? SfdpDecoder.dwordAt(space, header.pointer() + 4 * (n - 1))
        : null;
  }

  private int offsetOf(int n) {
    return header.pointer() + 4 * (n - 1);
  }

  private BasicFlashParameterTable decode() throws SfdpFormatException {
    if (header.lengthDwords() < SfdpDecoder.BFPT_MINIMUM_DWORDS) {
      throw new SfdpFormatException(
          "Basic Flash Parameter Table length",
          8 * (header.index() + 1) + 3,
          "is "
              + header.lengthDwords()
              + " DWORDs; JESD216 defines "
              + SfdpDecoder.BFPT_MINIMUM_DWORDS
              + " at least");
    }
    int dw1 = dword(1);
    Integer erase4k = (dw1 & 0b11) == 0b01 ? (dw1 >>> 8) & 0xff : null;
    boolean volatileStatus = (dw1 & (1 << 3)) != 0;
    Integer volatileWriteEnable = volatileStatus ? ((dw1 & (1 << 4)) != 0 ? 0x06 : 0x50) : null;
    AddressMode addressMode = AddressMode.ofBits(dw1 >>> 17);
    long density = density(dword(2));
    List<FastRead> reads = fastReads(dw1);
    List<Integer> dwords = new ArrayList<>();
    for (int n = 1; n <= header.lengthDwords(); n++) {
      dwords.add(dword(n));
    }
    Integer dw10 = dword(10);
    List<EraseType> erases = eraseTypes(dw10);
    Integer dw11 = dword(11);
    Integer pageSize = null;
    Long pageTypical = null;
    Long pageMaximum = null;
    Long byteFirst = null;
    Long byteAdditional = null;
    Long chipTypical = null;
    Long chipMaximum = null;
    if (dw11 != null) {
      int multiplier = 2 * ((dw11 & 0xf) + 1);
      pageSize = 1 << ((dw11 >>> 4) & 0xf);
      pageTypical = (((dw11 >>> 8) & 0x1f) + 1L) * (((dw11 >>> 13) & 1) == 0 ? 8 : 64);
      pageMaximum = pageTypical * multiplier;
      byteFirst = (((dw11 >>> 14) & 0xf) + 1L) * (((dw11 >>> 18) & 1) == 0 ? 1 : 8);
      byteAdditional = (((dw11 >>> 19) & 0xf) + 1L) * (((dw11 >>> 23) & 1) == 0 ? 1 : 8);
      long[] chipUnits = {16, 256, 4_000, 64_000};
      chipTypical = (((dw11 >>> 24) & 0x1f) + 1L) * chipUnits[(dw11 >>> 29) & 0b11];
      chipMaximum = chipTypical * multiplier;
    }
    SuspendResume suspend = null;
    Integer dw12 = dword(12);
    Integer dw13 = dword(13);
    if (dw12 != null && dw13 != null && (dw12 & (1 << 31)) == 0) {
      suspend =
          new SuspendResume(
              (dw13 >>> 8) & 0xff, dw13 & 0xff, (dw13 >>> 24) & 0xff, (dw13 >>> 16) & 0xff);
    }
    DeepPowerDown powerDown = null;
    List<String> polling = new ArrayList<>();
    Integer dw14 = dword(14);
    if (dw14 != null) {
      if ((dw14 & (1 << 31)) == 0) {
        long[] delayUnits = {128, 1_000, 8_000, 64_000};
        powerDown =
            new DeepPowerDown(
                (dw14 >>> 23) & 0xff,
                (dw14 >>> 15) & 0xff,
                (((dw14 >>> 8) & 0x1f) + 1L) * delayUnits[(dw14 >>> 13) & 0b11]);
      }
      if ((dw14 & (1 << 2)) != 0) {
        polling.add("status register 05h bit 0 (WIP), legacy");
      }
      if ((dw14 & (1 << 3)) != 0) {
        polling.add("flag status register 70h bit 7 (ready)");
      }
    }
    Integer dw15 = dword(15);
    QuadEnableRequirement quadEnable =
        dw15 == null ? null : QuadEnableRequirement.ofBits(dw15 >>> 20);
    Integer dw16 = dword(16);
    List<String> enter = new ArrayList<>();
    List<String> exit = new ArrayList<>();
    List<String> reset = new ArrayList<>();
    List<String> statusWrites = new ArrayList<>();
    if (dw16 != null) {
      names(dw16 >>> 24, 8, ENTER_4_BYTE, enter);
      names(dw16 >>> 14, 10, EXIT_4_BYTE, exit);
      names(dw16 >>> 8, 6, SOFT_RESET, reset);
      names(dw16, 7, STATUS_REGISTER_1, statusWrites);
    }
    return new BasicFlashParameterTable(
        header.revision(),
        header.lengthDwords(),
        erase4k,
        (dw1 & (1 << 2)) != 0,
        volatileWriteEnable,
        addressMode,
        (dw1 & (1 << 19)) != 0,
        density,
        reads,
        erases,
        pageSize,
        pageTypical,
        pageMaximum,
        byteFirst,
        byteAdditional,
        chipTypical,
        chipMaximum,
        suspend,
        powerDown,
        polling,
        quadEnable,
        enter,
        exit,
        reset,
        statusWrites,
        dwords);
  }

  private long density(int dw2) throws SfdpFormatException {
    if ((dw2 & (1 << 31)) == 0) {
      long bits = (dw2 & 0x7fffffffL) + 1;
      if (bits % 8 != 0) {
        throw new SfdpFormatException(
            "Basic Flash Parameter Table DWORD 2 (density)",
            offsetOf(2),
            String.format("0x%08x gives %d bits, not a whole number of bytes", dw2, bits));
      }
      return bits / 8;
    }
    int exponent = dw2 & 0x7fffffff;
    if (exponent < 32 || exponent > 63) {
      throw new SfdpFormatException(
          "Basic Flash Parameter Table DWORD 2 (density)",
          offsetOf(2),
          String.format(
              "0x%08x gives 2^%d bits; the power-of-two form is for 2^32 bits and more,"
                  + " up to 2^63",
              dw2, exponent));
    }
    return 1L << (exponent - 3);
  }

  private List<FastRead> fastReads(int dw1) {
    List<FastRead> reads = new ArrayList<>();
    int dw3 = dword(3);
    int dw4 = dword(4);
    int dw5 = dword(5);
    if ((dw1 & (1 << 16)) != 0) {
      reads.add(fastRead("1-1-2", dw4));
    }
    if ((dw1 & (1 << 20)) != 0) {
      reads.add(fastRead("1-2-2", dw4 >>> 16));
    }
    if ((dw1 & (1 << 22)) != 0) {
      reads.add(fastRead("1-1-4", dw3 >>> 16));
    }
    if ((dw1 & (1 << 21)) != 0) {
      reads.add(fastRead("1-4-4", dw3));
    }
    if ((dw5 & 1) != 0) {
      reads.add(fastRead("2-2-2", dword(6) >>> 16));
    }
    if ((dw5 & (1 << 4)) != 0) {
      reads.add(fastRead("4-4-4", dword(7) >>> 16));
    }
    Integer dw17 = dword(17);
    if (dw17 != null) {
      addOctal(reads, "1-1-8", dw17 >>> 16);
      addOctal(reads, "1-8-8", dw17);
    }
    return reads;
  }

  private static void addOctal(List<FastRead> reads, String mode, int half) {
    int opcode = (half >>> 8) & 0xff;
    if (opcode != 0x00 && opcode != 0xff) {
      reads.add(fastRead(mode, half));
    }
  }

  /** A 16-bit fast read field: dummy clocks 4:0, mode clocks 7:5, instruction 15:8. */
  private static FastRead fastRead(String mode, int half) {
    return new FastRead(mode, (half >>> 8) & 0xff, half & 0x1f, (half >>> 5) & 0b111);
  }

  private List<EraseType> eraseTypes(Integer dw10) throws SfdpFormatException {
    List<EraseType> types = new ArrayList<>();
    int dw8 = dword(8);
    int dw9 = dword(9);
    long[] units = {1, 16, 128, 1_000};
    int[] countShift = {4, 11, 18, 25};
    for (int number = 1; number <= 4; number++) {
      int dword = number <= 2 ? dw8 : dw9;
      int half = (dword >>> (16 * ((number - 1) % 2))) & 0xffff;
      int exponent = half & 0xff;
      if (exponent == 0) {
        continue;
      }
      if (exponent > 31) {
        throw new SfdpFormatException(
            "Basic Flash Parameter Table erase type " + number + " size",
            offsetOf(number <= 2 ? 8 : 9) + 2 * ((number - 1) % 2),
            "is 2^" + exponent + " bytes; an erase type is at most 2^31 bytes");
      }
      Long typical = null;
      Long maximum = null;
      if (dw10 != null) {
        int shift = countShift[number - 1];
        typical = (((dw10 >>> shift) & 0x1f) + 1L) * units[(dw10 >>> (shift + 5)) & 0b11];
        maximum = typical * 2 * ((dw10 & 0xf) + 1);
      }
      types.add(new EraseType(number, 1L << exponent, (half >>> 8) & 0xff, typical, maximum));
    }
    return types;
  }

  private static void names(int bits, int count, String[] names, List<String> into) {
    for (int bit = 0; bit < count; bit++) {
      if ((bits & (1 << bit)) != 0) {
        into.add(bit < names.length ? names[bit] : "reserved bit " + bit);
      }
    }
  }

  private static final String[] ENTER_4_BYTE = {
    "instruction B7h",
    "write enable 06h, then B7h",
    "extended address register (C8h read, C5h write)",
    "bank register bit 7 (16h read, 17h write)",
    "non-volatile configuration register (B5h read, B1h write)",
    "dedicated 4-byte address instructions",
    "always 4-byte addressing",
  };

  private static final String[] EXIT_4_BYTE = {
    "instruction E9h",
    "write enable 06h, then E9h",
    "extended address register (C8h read, C5h write)",
    "bank register bit 7 (16h read, 17h write)",
    "hardware reset",
    "software reset",
    "power cycle",
  };

  private static final String[] SOFT_RESET = {
    "drive Fh on all four lanes for 8 clocks",
    "drive Fh on all four lanes for 10 clocks",
    "drive Fh on all four lanes for 16 clocks",
    "instruction F0h",
    "reset enable 66h, then reset 99h",
    "exit 0-4-4 mode before reset",
  };

  private static final String[] STATUS_REGISTER_1 = {
    "non-volatile, written after 06h",
    "volatile, powers up all ones, written after 06h",
    "volatile, powers up all ones, written after 50h",
    "non-volatile, 06h; a volatile copy may be written after 50h",
    "mixed volatile and non-volatile bits, written after 06h",
  };
}
