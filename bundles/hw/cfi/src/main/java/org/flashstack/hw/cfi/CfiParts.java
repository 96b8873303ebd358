package org.flashstack.hw.cfi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The preset parts a CFI device can be configured as, by name (case does not matter). Each carries
 * its datasheet's CFI query table byte for byte, from query address 0x10 to the end of its primary
 * extended table, as we read the datasheet named with it.
 */
public final class CfiParts {
  private CfiParts() {}

  /**
   * Spansion/Infineon S29GL01GS: 1 Gbit, x16, 1024 uniform 128 KiB sectors, 512-byte write buffer,
   * program and erase suspend, advanced sector protection (PPB and DYB); device ID 7E 28 01. Query
   * table per the S29GL01GS/512S/256S/128S datasheet (002-00247), PRI version 1.5.
   */
  public static final CfiPart S29GL01GS =
      new CfiPart(
          "S29GL01GS",
          0x01,
          0x227E,
          0x2228,
          0x2201,
          CfiPart.runs(1024, 128),
          CfiPart.table(
              0x10,
              """
              51 52 59 02 00 40 00 00 00 00 00
              27 36 00 00 08 09 08 12 01 02 03 03
              1B 01 00 09 00 01 FF 03 00 02
              00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
              50 52 49 31 35 14 02 01 00 08 00 00 03 00 00 05 01 00 0A 0F 09 23 23 00
              """),
          true,
          true,
          "Infineon S29GL01GS/S29GL512S/S29GL256S/S29GL128S datasheet, tables of the CFI query");

  /**
   * AMD Am29LV160DT: 16 Mbit, x8/x16, top boot (31 x 64 KiB, then 32 KiB, two 8 KiB and 16 KiB at
   * the top), no write buffer, device ID 0x22C4. Its query table (PRI 1.0, without a boot flag)
   * lists the boot regions first, as the bottom-boot part's does.
   */
  public static final CfiPart AM29LV160DT =
      new CfiPart(
          "AM29LV160DT",
          0x01,
          0x22C4,
          0,
          0,
          CfiPart.runs(31, 64, 1, 32, 2, 8, 1, 16),
          am29lv160dQuery(),
          false,
          false,
          "AMD Am29LV160D datasheet (21358), CFI query tables");

  /**
   * AMD Am29LV160DB: as the DT with the boot sectors at the bottom (16 KiB, two 8 KiB, 32 KiB, then
   * 31 x 64 KiB), device ID 0x2249.
   */
  public static final CfiPart AM29LV160DB =
      new CfiPart(
          "AM29LV160DB",
          0x01,
          0x2249,
          0,
          0,
          CfiPart.runs(1, 16, 2, 8, 1, 32, 31, 64),
          am29lv160dQuery(),
          false,
          false,
          "AMD Am29LV160D datasheet (21358), CFI query tables");

  private static byte[] am29lv160dQuery() {
    return CfiPart.table(
        0x10,
        """
        51 52 59 02 00 40 00 00 00 00 00
        27 36 00 00 04 00 0A 00 05 00 04 00
        15 02 00 00 00 04
        00 00 40 00 01 00 20 00 00 00 80 00 1E 00 00 01
        00 00 00
        50 52 49 31 30 00 02 01 01 04 00 00 00
        """);
  }

  /**
   * Intel 28F320J3: 32 Mbit, 32 uniform 128 KiB blocks, 32-byte write buffer, program and erase
   * suspend, the 128-bit protection register; run as an x16 device. Query table per the Intel
   * StrataFlash J3 datasheet (290667), PRI 1.1.
   */
  public static final CfiPart I28F320J3 =
      new CfiPart(
          "28F320J3",
          0x89,
          0x0016,
          0,
          0,
          CfiPart.runs(32, 128),
          CfiPart.table(
              0x10,
              """
              51 52 59 01 00 31 00 00 00 00 00
              27 36 00 00 08 08 0A 00 04 04 04 00
              16 02 00 05 00 01 1F 00 00 02
              50 52 49 31 31 CE 00 00 00 01 01 00 33 00 01 80 00 03 03 03 00
              """),
          false,
          false,
          "Intel StrataFlash Embedded Memory (J3) datasheet (290667), CFI query tables",
          false);

  /**
   * Intel 28F320C3B: 32 Mbit boot-block part, x16, eight 8 KiB parameter blocks at the bottom then
   * 63 x 64 KiB, no write buffer, suspend, lock-down with WP#, the 128-bit protection register,
   * every block locked at power-up; Intel standard command set (0x0003), device ID 0x88C5. Query
   * table per the Advanced+ Boot Block (C3) datasheet (290645), PRI 1.0.
   */
  public static final CfiPart I28F320C3B =
      new CfiPart(
          "28F320C3B",
          0x89,
          0x88C5,
          0,
          0,
          CfiPart.runs(8, 8, 63, 64),
          c3Query("07 00 20 00 3E 00 00 01"),
          false,
          false,
          "Intel Advanced+ Boot Block (C3) datasheet (290645), CFI query tables",
          true);

  /** Intel 28F320C3T: as the C3B with the parameter blocks at the top, device ID 0x88C4. */
  public static final CfiPart I28F320C3T =
      new CfiPart(
          "28F320C3T",
          0x89,
          0x88C4,
          0,
          0,
          CfiPart.runs(63, 64, 8, 8),
          c3Query("3E 00 00 01 07 00 20 00"),
          false,
          false,
          "Intel Advanced+ Boot Block (C3) datasheet (290645), CFI query tables",
          true);

  /** The C3's table; Intel lists its erase block regions in address order. */
  private static byte[] c3Query(String regions) {
    return CfiPart.table(
        0x10,
        "51 52 59 03 00 35 00 00 00 00 00 27 36 B4 C6 05 00 0A 00 04 00 03 00 16 01 00 00 00 02 "
            + regions
            + " 50 52 49 31 30 66 00 00 00 01 03 00 33 C0 01 80 00 03 03");
  }

  private static final Map<String, CfiPart> BY_NAME =
      index(S29GL01GS, AM29LV160DT, AM29LV160DB, I28F320J3, I28F320C3B, I28F320C3T);

  private static Map<String, CfiPart> index(CfiPart... parts) {
    Map<String, CfiPart> map = new LinkedHashMap<>();
    for (CfiPart part : parts) {
      map.put(part.name().toUpperCase(Locale.ROOT), part);
    }
    return map;
  }

  /**
   * @return the part named {@code name}, ignoring case
   */
  public static Optional<CfiPart> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name.trim().toUpperCase(Locale.ROOT)));
  }

  /**
   * @return every preset part, in catalog order
   */
  public static List<CfiPart> all() {
    return List.copyOf(BY_NAME.values());
  }
}
