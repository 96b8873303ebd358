package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.memprog.host.MemProgProgrammer;
import org.flashstack.memprog.host.TargetInterface;
import org.flashstack.memprog.protocol.MemProgLayout;

/** {@code prog:info}: the connected target's protocol version, buffers and interfaces. */
@Service
@Command(
    scope = "prog",
    name = "info",
    description =
        "Shows the connected target: version, buffers, interfaces and what each is bound to")
public class ProgInfoCommand extends ProgCommand {

  @Option(
      name = "--no-format",
      description = "Plain output: no table borders or padding, for scripts")
  boolean noFormat;

  @Override
  void prog() {
    MemProgProgrammer programmer = programmer();
    MemProgLayout layout = programmer.host().layout();
    System.out.printf("target     %s%n", programmer.host().uri());
    System.out.printf(
        "protocol   MemProgLib 2.0.0 (%s)%n",
        programmer.host().flashStackTarget() ? "FlashStack target" : "public target");
    System.out.printf("PARAM      0x%08x%n", layout.paramAddress());
    System.out.printf("BDTs       0x%08x%n", layout.bdtBase());
    System.out.printf(
        "buffers    %d of %s at 0x%08x%n",
        layout.bufferCount(), ByteSizes.format(layout.bufferSize()), layout.bufferBase());
    ShellTable table = new ShellTable();
    table.column("Interface");
    table.column("Bound to");
    table.column("Size");
    table.column("Erase unit");
    table.column("Flags");
    for (TargetInterface i : programmer.host().interfaces()) {
      table
          .addRow()
          .addContent(
              i.number(),
              i.description(),
              i.sizeKnown() ? ByteSizes.format(i.size()) : "?",
              i.eraseSize() > 0 ? ByteSizes.format(i.eraseSize()) : "?",
              i.readOnly() ? "read-only" : "");
    }
    table.print(System.out, !noFormat);
  }
}
