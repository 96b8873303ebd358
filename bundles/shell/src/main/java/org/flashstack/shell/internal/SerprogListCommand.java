package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.serprog.SerprogServers;

/** {@code serprog:list}: the serprog servers that run. */
@Service
@Command(scope = "serprog", name = "list", description = "Lists the serprog servers that run")
public class SerprogListCommand extends FlashStackAction {

  @Reference SerprogServers servers;

  @Option(name = "--no-format", description = "Plain output: no table borders or padding")
  boolean noFormat;

  @Override
  void run() {
    ShellTable table = new ShellTable();
    table.column("Bus");
    table.column("Address");
    table.column("Clients");
    table.column("SPI operations");
    for (SerprogServers.Served s : servers.list()) {
      table.addRow().addContent(s.bus(), s.address(), s.clients(), s.operations());
    }
    table.print(System.out, !noFormat);
  }
}
