package org.flashstack.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.cfi.AmdCommandSet;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.flash.Flash;
import org.osgi.framework.BundleContext;

/**
 * {@code cfi:query <device> [--raw]}: the decoded CFI query table the driver read from the device.
 */
@Service
@Command(
    scope = "cfi",
    name = "query",
    description = "Shows the decoded CFI query table of a CFI flash device")
public class CfiQueryCommand extends FlashStackAction {

  private static final String[] FEATURES = {
    "chip erase",
    "erase suspend",
    "program suspend",
    "legacy lock/unlock",
    "queued erase",
    "instant individual block locking",
    "protection bits",
    "page mode read",
    "synchronous read"
  };

  @Reference BundleContext context;

  @Argument(index = 0, name = "device", description = "CFI flash device name", required = true)
  @Completion(FlashDeviceCompleter.class)
  String device;

  @Option(name = "--raw", description = "Also dump the raw query bytes")
  boolean raw;

  @Override
  void run() throws Exception {
    try (Services.Held<Flash> held = Services.flash(context, device)) {
      CfiQuery q =
          held.get()
              .detail(CfiQuery.class)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          device + " is not driven by a CFI driver: it has no query table"));
      StringBuilder out = new StringBuilder();
      line(
          out,
          "Device",
          String.format(
              "%s: %d x%d device(s) on a %d-bit bus",
              device, q.interleave(), 8 * q.deviceWidth(), 8 * q.bankWidth()));
      line(
          out,
          "Command set",
          String.format(
              "0x%04x %s, extended table at 0x%02x",
              q.primaryCommandSet(),
              CfiQuery.commandSetName(q.primaryCommandSet()),
              q.primaryTableAddress()));
      line(
          out,
          "Alternate set",
          String.format(
              "0x%04x %s",
              q.alternateCommandSet(), CfiQuery.commandSetName(q.alternateCommandSet())));
      line(out, "Vcc", volts(q.vccMinMillivolts()) + " .. " + volts(q.vccMaxMillivolts()));
      line(
          out,
          "Vpp",
          q.vppMinMillivolts() == 0 && q.vppMaxMillivolts() == 0
              ? "no Vpp pin"
              : volts(q.vppMinMillivolts()) + " .. " + volts(q.vppMaxMillivolts()));
      line(
          out,
          "Word program",
          timing(q.typicalWordProgramMicros(), q.maxWordProgramMicros(), "us"));
      line(
          out,
          "Buffer write",
          timing(q.typicalBufferProgramMicros(), q.maxBufferProgramMicros(), "us"));
      line(out, "Block erase", timing(q.typicalBlockEraseMillis(), q.maxBlockEraseMillis(), "ms"));
      line(out, "Chip erase", timing(q.typicalChipEraseMillis(), q.maxChipEraseMillis(), "ms"));
      line(
          out,
          "Device size",
          ByteSizes.format(q.deviceSize())
              + " per device, "
              + ByteSizes.format(q.deviceSize() * q.interleave())
              + " bank");
      line(
          out,
          "Interface",
          String.format("0x%04x %s", q.interfaceCode(), CfiQuery.interfaceName(q.interfaceCode())));
      line(
          out,
          "Write buffer",
          q.writeBufferSize() == 0
              ? "none"
              : ByteSizes.format(q.writeBufferSize()) + " per device");
      line(out, "Erase regions", String.valueOf(q.eraseRegions().size()));
      for (int i = 0; i < q.eraseRegions().size(); i++) {
        CfiQuery.Region region = q.eraseRegions().get(i);
        line(
            out,
            "  region " + i,
            region.blockCount() + " x " + ByteSizes.format(region.blockSize()) + " per device");
      }
      CfiQuery.IntelPrimaryTable pri = q.primaryTable();
      if (pri != null) {
        line(out, "PRI version", pri.majorVersion() + "." + pri.minorVersion());
        line(
            out,
            "PRI features",
            String.format("0x%08x %s", pri.optionalFeatures(), features(pri.optionalFeatures())));
        line(out, "After suspend", String.format("0x%02x", pri.afterSuspendFunctions()));
        line(out, "Block status", String.format("0x%04x", pri.blockStatusMask()));
        line(out, "Vcc optimum", volts(pri.vccOptimumMillivolts()));
        line(
            out,
            "Vpp optimum",
            pri.vppOptimumMillivolts() == 0 ? "none" : volts(pri.vppOptimumMillivolts()));
      }
      amdPrimaryTable(out, q);
      if (raw) {
        out.append("Raw query bytes (index = query address):\n").append(HexDump.format(0, q.raw()));
      }
      System.out.print(out);
    }
  }

  /** The AMD primary extended table ("PRI"), as far as its version has fields. */
  private static void amdPrimaryTable(StringBuilder out, CfiQuery q) {
    byte[] raw = q.raw();
    int p = q.primaryTableAddress();
    if (q.primaryCommandSet() != CfiQuery.COMMAND_SET_AMD_STANDARD
        || p <= 0
        || p + AmdCommandSet.PRI_SECTOR_PROTECT >= raw.length
        || raw[p] != 'P'
        || raw[p + 1] != 'R'
        || raw[p + 2] != 'I') {
      return;
    }
    int version = (raw[p + 3] - '0') * 10 + (raw[p + 4] - '0');
    line(out, "PRI version", (char) raw[p + 3] + "." + (char) raw[p + 4]);
    int suspend = raw[p + AmdCommandSet.PRI_ERASE_SUSPEND] & 0xff;
    line(
        out,
        "Erase suspend",
        switch (suspend) {
          case 0 -> "not supported";
          case 1 -> "to read only";
          case 2 -> "to read and write";
          default -> String.format("0x%02x", suspend);
        });
    int protect = raw[p + AmdCommandSet.PRI_SECTOR_PROTECT] & 0xff;
    line(out, "Sector protect", protect == 0 ? "not supported" : protect + " sector(s) per group");
    if (p + AmdCommandSet.PRI_PROTECTION_SCHEME < raw.length) {
      int scheme = raw[p + AmdCommandSet.PRI_PROTECTION_SCHEME] & 0xff;
      line(
          out,
          "Protection",
          String.format(
              "0x%02x %s",
              scheme,
              switch (scheme) {
                case 1 -> "29F040 mode";
                case 2 -> "29F016 mode";
                case 3 -> "29F400 mode";
                case 4 -> "Am29LV800 mode (set by a programmer)";
                case AmdCommandSet.PROTECTION_SCHEME_ADVANCED -> "advanced (PPB and DYB)";
                default -> "";
              }));
    }
    if (version >= 11 && p + AmdCommandSet.PRI_BOOT_FLAG < raw.length) {
      int boot = raw[p + AmdCommandSet.PRI_BOOT_FLAG] & 0xff;
      line(
          out,
          "Boot sectors",
          switch (boot) {
            case 2 -> "bottom";
            case 3 -> "top (regions listed bottom first, as AMD lists them)";
            case 4 -> "uniform, WP# protects the lowest sector";
            case 5 -> "uniform, WP# protects the highest sector";
            default -> String.format("0x%02x", boot);
          });
    } else {
      line(
          out,
          "Boot sectors",
          "not in PRI "
              + (char) raw[p + 3]
              + "."
              + (char) raw[p + 4]
              + " (a device ID with bit 7 set is top boot)");
    }
    if (version >= 13 && p + AmdCommandSet.PRI_PROGRAM_SUSPEND < raw.length) {
      line(
          out,
          "Program suspend",
          (raw[p + AmdCommandSet.PRI_PROGRAM_SUSPEND] & 0xff) == 1 ? "supported" : "not supported");
    }
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("%-15s %s%n", label, value));
  }

  private static String volts(int millivolts) {
    return String.format("%d.%d V", millivolts / 1000, millivolts % 1000 / 100);
  }

  private static String timing(long typical, long max, String unit) {
    return typical == 0
        ? "not supported"
        : "typical " + typical + " " + unit + ", max " + max + " " + unit;
  }

  private static String features(long bits) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < FEATURES.length; i++) {
      if ((bits & (1L << i)) != 0) {
        names.add(FEATURES[i]);
      }
    }
    return names.isEmpty() ? "(none)" : "(" + String.join(", ", names) + ")";
  }
}
