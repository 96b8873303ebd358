package org.flashstack.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.hw.cfi.CfiPart;
import org.flashstack.hw.cfi.CfiParts;
import org.flashstack.hw.cfi.IntelCommandSetChip;

/** {@code cfi:parts}: the preset CFI parts a device configuration can name with {@code part}. */
@Service
@Command(
    scope = "cfi",
    name = "parts",
    description =
        "Lists the preset CFI parts: part, command set, IDs, size, sector layout, write buffer,"
            + " features")
public class CfiPartsCommand extends FlashStackAction {

  @Option(
      name = "--no-format",
      description = "Plain output: no table borders or padding, for scripts")
  boolean noFormat;

  @Override
  void run() {
    ShellTable table = new ShellTable();
    table.column("Part");
    table.column("Command set");
    table.column("IDs");
    table.column("Size");
    table.column("Sectors by address");
    table.column("Buffer");
    table.column("Features");
    for (CfiPart part : CfiParts.all()) {
      table
          .addRow()
          .addContent(
              part.name(),
              String.format(
                  "0x%04x %s", part.commandSet(), CfiQuery.commandSetName(part.commandSet())),
              ids(part),
              ByteSizes.format(part.size()),
              layout(part.sectors()),
              part.writeBufferBytes() == 0 ? "none" : ByteSizes.format(part.writeBufferBytes()),
              features(part));
    }
    table.print(System.out, !noFormat);
  }

  private static String ids(CfiPart part) {
    String ids = String.format("0x%02x 0x%04x", part.manufacturer(), part.deviceId());
    return part.deviceId2() == 0
        ? ids
        : ids + String.format(" %04x %04x", part.deviceId2(), part.deviceId3());
  }

  private static String layout(List<EraseRegion> sectors) {
    List<String> runs = new ArrayList<>();
    for (EraseRegion region : sectors) {
      runs.add(region.blockCount() + " x " + ByteSizes.format(region.blockSize()));
    }
    return String.join(", ", runs);
  }

  private static String features(CfiPart part) {
    List<String> features = new ArrayList<>();
    features.add(
        part.supportsByteMode() && part.supportsWordMode()
            ? "x8/x16"
            : part.supportsWordMode() ? "x16" : "x8");
    if (part.isAmd()) {
      features.add(part.programSuspend() ? "program+erase suspend" : "erase suspend");
      if (part.advancedSectorProtection()) {
        features.add("PPB/DYB");
      }
    } else {
      IntelCommandSetChip.Features intel = part.intelFeatures();
      if (intel.suspend()) {
        features.add("suspend");
      }
      if (intel.lockDown()) {
        features.add("lock-down");
      }
      if (intel.protectionRegister()) {
        features.add("OTP");
      }
    }
    if (part.lockedAtPowerUp()) {
      features.add("locked at power-up");
    }
    return String.join(", ", features);
  }
}
