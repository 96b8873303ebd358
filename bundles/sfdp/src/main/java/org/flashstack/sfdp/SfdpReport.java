package org.flashstack.sfdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The human form of a decoded SFDP space: aligned lines, one fact each, as a shell prints them. */
public final class SfdpReport {

  private final List<String> lines = new ArrayList<>();

  private SfdpReport() {}

  /**
   * @param space a decoded space
   * @return its report, one line per element
   */
  public static List<String> lines(SfdpSpace space) {
    SfdpReport report = new SfdpReport();
    report.write(space);
    return List.copyOf(report.lines);
  }

  private void write(SfdpSpace space) {
    lines.add(
        String.format(
            "SFDP revision %s (%s), %d parameter header%s, access protocol 0x%02x",
            space.revision(),
            space.revision().standard(),
            space.headers().size(),
            space.headers().size() == 1 ? "" : "s",
            space.accessProtocol()));
    lines.add(
        String.format(
            "  %-2s %-7s %-8s %-6s %-8s %s", "#", "ID", "revision", "DWORDs", "pointer", "table"));
    for (SfdpParameterHeader header : space.headers()) {
      lines.add(
          String.format(
              "  %-2d %-7s %-8s %-6d 0x%-6x %s",
              header.index(),
              header.idText(),
              header.revision(),
              header.lengthDwords(),
              header.pointer(),
              header.tableName()));
    }
    BasicFlashParameterTable bfpt = space.bfpt();
    lines.add(
        String.format(
            "Basic Flash Parameter Table %s, %d DWORDs", bfpt.revision(), bfpt.lengthDwords()));
    fact("density", bfpt.densityBytes() + " bytes (" + sizeText(bfpt.densityBytes()) + ")");
    fact("page size", bfpt.pageSize() == null ? "not in table" : bfpt.pageSize() + " bytes");
    fact(
        "address bytes",
        switch (bfpt.addressMode()) {
          case THREE -> "3 only";
          case THREE_OR_FOUR -> "3 or 4";
          case FOUR -> "4 only";
          case RESERVED -> "reserved value 11b";
        });
    fact(
        "4 KiB erase",
        bfpt.erase4kOpcode() == null
            ? "not uniform"
            : String.format("opcode 0x%02x", bfpt.erase4kOpcode()));
    fact("DTR", bfpt.dtr() ? "supported" : "no");
    if (bfpt.volatileStatusWriteOpcode() != null) {
      fact(
          "volatile status",
          String.format("written after 0x%02x", bfpt.volatileStatusWriteOpcode()));
    }
    for (FastRead read : bfpt.fastReads()) {
      fact(
          "read " + read.mode(),
          String.format(
              "opcode 0x%02x, %d mode + %d dummy clocks",
              read.opcode(), read.modeClocks(), read.dummyClocks()));
    }
    for (EraseType type : bfpt.eraseTypes()) {
      fact(
          "erase type " + type.number(),
          String.format("%s, opcode 0x%02x", sizeText(type.size()), type.opcode())
              + (type.typicalMillis() == null
                  ? ""
                  : String.format(
                      ", typical %d ms, max %d ms", type.typicalMillis(), type.maximumMillis())));
    }
    if (bfpt.pageProgramTypicalMicros() != null) {
      fact(
          "page program",
          String.format(
              "typical %d us, max %d us; byte %d us + %d us each more",
              bfpt.pageProgramTypicalMicros(),
              bfpt.pageProgramMaximumMicros(),
              bfpt.byteProgramFirstTypicalMicros(),
              bfpt.byteProgramAdditionalTypicalMicros()));
      fact(
          "chip erase",
          String.format(
              "typical %d ms, max %d ms",
              bfpt.chipEraseTypicalMillis(), bfpt.chipEraseMaximumMillis()));
    }
    if (bfpt.lengthDwords() >= 13) {
      SuspendResume suspend = bfpt.suspendResume();
      fact(
          "suspend/resume",
          suspend == null
              ? "not supported"
              : String.format(
                  "program 0x%02x/0x%02x, erase 0x%02x/0x%02x",
                  suspend.programSuspend(),
                  suspend.programResume(),
                  suspend.eraseSuspend(),
                  suspend.eraseResume()));
    }
    if (bfpt.lengthDwords() >= 14) {
      DeepPowerDown powerDown = bfpt.deepPowerDown();
      fact(
          "deep power-down",
          powerDown == null
              ? "not supported"
              : String.format(
                  "enter 0x%02x, exit 0x%02x, exit delay %d ns",
                  powerDown.enterOpcode(), powerDown.exitOpcode(), powerDown.exitDelayNanos()));
      list("busy polling", bfpt.busyPolling());
    }
    if (bfpt.quadEnable() != null) {
      fact(
          "quad enable",
          "QER " + bfpt.quadEnable().bits() + ": " + bfpt.quadEnable().description());
    }
    if (bfpt.lengthDwords() >= 16) {
      list("enter 4-byte", bfpt.enter4ByteMethods());
      list("exit 4-byte", bfpt.exit4ByteMethods());
      list("soft reset", bfpt.softReset());
      list("status reg 1", bfpt.statusRegister1Writes());
    }
    FourByteAddressInstructions fourByte = space.fourByteInstructions();
    if (fourByte != null) {
      lines.add("4-Byte Address Instruction Table " + fourByte.revision());
      for (Map.Entry<String, Integer> entry : fourByte.supported().entrySet()) {
        fact(entry.getKey(), String.format("0x%02x", entry.getValue()));
      }
    }
    SectorMap map = space.sectorMap();
    if (map != null) {
      lines.add("Sector Map Parameter Table " + map.revision());
      for (SectorMap.ConfigurationDetection detection : map.detections()) {
        fact(
            "detect",
            String.format(
                "opcode 0x%02x, %s address 0x%x, %s dummy clocks, mask 0x%02x",
                detection.opcode(),
                detection.addressBytes() < 0 ? "current-mode" : detection.addressBytes() + "-byte",
                detection.address(),
                detection.dummyClocks() < 0
                    ? "variable"
                    : Integer.toString(detection.dummyClocks()),
                detection.dataMask()));
      }
      for (SectorMap.Map one : map.maps()) {
        lines.add("  configuration " + one.configurationId() + ":");
        for (SectorMap.Region region : one.regions()) {
          lines.add(
              String.format(
                  "    0x%08x-0x%08x  %-9s erase types %s",
                  region.offset(),
                  region.offset() + region.size() - 1,
                  sizeText(region.size()),
                  region.eraseTypes()));
        }
      }
    }
  }

  private void fact(String name, String value) {
    lines.add(String.format("  %-16s %s", name, value));
  }

  private void list(String name, List<String> values) {
    fact(name, values.isEmpty() ? "none" : String.join("; ", values));
  }

  /**
   * @return {@code "4 KiB"}, {@code "32 MiB"}, or bytes where not a whole unit
   */
  static String sizeText(long bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB"};
    int unit = 0;
    long value = bytes;
    while (unit < units.length - 1 && value >= 1024 && value % 1024 == 0) {
      value /= 1024;
      unit++;
    }
    return value + " " + units[unit];
  }
}
