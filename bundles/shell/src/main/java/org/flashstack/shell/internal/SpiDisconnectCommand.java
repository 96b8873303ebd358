package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.serprog.SerprogClients;

/** {@code spi:disconnect <bus>}: ends a serprog connection. */
@Service
@Command(scope = "spi", name = "disconnect", description = "Ends the serprog connection of a bus")
public class SpiDisconnectCommand extends FlashStackAction {

  @Reference SerprogClients clients;

  @Argument(index = 0, name = "bus", description = "The bus: ext0", required = true)
  String bus;

  @Override
  void run() {
    if (!clients.disconnect(bus)) {
      throw new UserMistake("bus " + bus + " has no serprog connection");
    }
    System.out.println("bus " + bus + ": disconnected");
  }
}
