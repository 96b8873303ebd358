package org.flashstack.hw.cfi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The preset parts a CFI device can be configured as, by name (case does not matter). Each carries
 * its datasheet's CFI query table byte for byte, from query address 0x10 to the end of its primary
 * extended table.
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

  private static final Map<String, CfiPart> BY_NAME = index(S29GL01GS, AM29LV160DT, AM29LV160DB);

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
