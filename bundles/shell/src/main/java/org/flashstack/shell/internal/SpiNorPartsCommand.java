package org.flashstack.shell.internal;

import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;

/** {@code spinor:parts}: the SPI NOR parts a chip configuration can name. */
@Service
@Command(
    scope = "spinor",
    name = "parts",
    description =
        "Lists the SPI NOR chip catalog: part, vendor, JEDEC ID, size, erase types, addressing, SFDP")
public class SpiNorPartsCommand extends FlashStackAction {

  @Option(
      name = "--no-format",
      description = "Plain output: no table borders or padding, for scripts")
  boolean noFormat;

  @Override
  void run() {
    ShellTable table = new ShellTable();
    table.column("Part");
    table.column("Vendor");
    table.column("JEDEC ID");
    table.column("Size");
    table.column("Page");
    table.column("Erase types");
    table.column("Address");
    table.column("Reads");
    table.column("SFDP");
    for (ChipPart part : ChipCatalog.builtIn().parts()) {
      table
          .addRow()
          .addContent(
              part.name(),
              part.vendor(),
              part.jedecIdText(),
              ByteSizes.format(part.size()),
              part.pageSize(),
              part.eraseTypes().stream()
                      .map(
                          type ->
                              String.format(
                                  "%s %02Xh", ByteSizes.format(type.size()), type.opcode()))
                      .collect(Collectors.joining(", "))
                  + (part.regions().size() > 1 ? " (sector map)" : ""),
              part.addressing().mode(),
              part.reads().stream()
                  .map(ChipPart.Read::mode)
                  .distinct()
                  .collect(Collectors.joining(" ")),
              part.sfdp().revision() + (part.sfdp().dump() == null ? " generated" : " real dump"));
    }
    table.print(System.out, !noFormat);
  }
}
