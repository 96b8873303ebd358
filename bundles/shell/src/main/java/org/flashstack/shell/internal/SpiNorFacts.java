package org.flashstack.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.flash.Flash;
import org.flashstack.driver.spinor.SpiNorParameters;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.flashstack.sfdp.BasicFlashParameterTable;

/**
 * What the SPI NOR driver discovered about a device, as lines for {@code flash:info} and {@code
 * flash:id}. The part name is looked up in the chip catalog by JEDEC ID for the user's benefit; the
 * driver itself never consults it.
 */
final class SpiNorFacts {
  private SpiNorFacts() {}

  static Optional<SpiNorParameters> of(Flash flash) {
    return flash.detail(SpiNorParameters.class);
  }

  static String jedec(SpiNorParameters parameters) {
    StringBuilder text = new StringBuilder();
    for (byte b : parameters.jedecId()) {
      text.append(String.format("%02x", b & 0xff));
    }
    return text.toString();
  }

  /** The catalog parts whose JEDEC ID the chip's RDID starts with. */
  static String part(SpiNorParameters parameters) {
    String id = jedec(parameters);
    List<String> names = new ArrayList<>();
    for (ChipPart part : ChipCatalog.builtIn().parts()) {
      if (id.startsWith(part.jedecIdText())) {
        names.add(part.vendor() + " " + part.name());
      }
    }
    return names.isEmpty() ? "not in the chip catalog" : String.join(" or ", names);
  }

  static List<String> lines(SpiNorParameters parameters) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("JEDEC ID      %s (%s)", jedec(parameters), part(parameters)));
    if (parameters.sfdp() == null) {
      lines.add("SFDP          none usable");
    } else {
      BasicFlashParameterTable bfpt = parameters.sfdp().bfpt();
      lines.add(
          String.format(
              "SFDP          revision %s (%s), BFPT %s, %d DWORDs",
              parameters.sfdp().revision(),
              parameters.sfdp().revision().standard(),
              bfpt.revision(),
              bfpt.lengthDwords()));
    }
    if (parameters.handPart() != null) {
      lines.add("Parameters    configured by hand: part " + parameters.handPart());
    }
    lines.add(String.format("Page          %d bytes", parameters.pageSize()));
    StringBuilder erases = new StringBuilder();
    for (SpiNorParameters.Erase erase : parameters.erases()) {
      erases
          .append(erases.length() == 0 ? "" : ", ")
          .append(String.format("%s %02Xh", ByteSizes.format(erase.size()), erase.opcode()));
    }
    lines.add("Erase types   " + erases);
    lines.add(
        String.format(
            "Addressing    %d-byte%s",
            parameters.addressBytes(),
            parameters.fourByteOpcodes()
                ? " (dedicated 4-byte instructions)"
                : parameters.enterFourByte() >= 0
                    ? String.format(
                        " (entered with %s%02Xh)",
                        parameters.enterNeedsWriteEnable() ? "06h, " : "",
                        parameters.enterFourByte())
                    : ""));
    SpiNorParameters.ReadMode read = parameters.read();
    lines.add(
        String.format(
            "Read mode     %s, %02Xh, %d wait clocks",
            read.mode(), read.opcode(), read.waitClocks()));
    if (parameters.corrections().isEmpty()) {
      lines.add("Corrections   none");
    } else {
      for (String correction : parameters.corrections()) {
        lines.add("Correction    " + correction);
      }
    }
    return lines;
  }
}
