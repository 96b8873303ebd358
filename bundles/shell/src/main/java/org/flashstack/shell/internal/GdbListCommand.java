package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.gdb.GdbServers;

/** {@code gdb:list}: the gdb servers that run. */
@Service
@Command(scope = "gdb", name = "list", description = "Lists the gdb servers that run")
public class GdbListCommand extends FlashStackAction {

  @Reference GdbServers servers;

  @Option(name = "--no-format", description = "Plain output: no table borders or padding")
  boolean noFormat;

  @Override
  void run() {
    ShellTable table = new ShellTable();
    table.column("Target");
    table.column("Address");
    table.column("Clients");
    table.column("Packets");
    for (GdbServers.Served s : servers.list()) {
      table.addRow().addContent(s.target(), s.address(), s.clients(), s.packets());
    }
    table.print(System.out, !noFormat);
  }
}
