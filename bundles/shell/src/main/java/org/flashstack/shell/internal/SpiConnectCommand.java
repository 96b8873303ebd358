package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.serprog.SerprogClients;

/** {@code spi:connect [--bus b] serprog:<host:port>}: a serprog programmer as an SPI controller. */
@Service
@Command(
    scope = "spi",
    name = "connect",
    description =
        "Drives a serprog programmer (serprog:<host>:<port>) as the SPI controller of a bus; configure"
            + " its chips as on any bus (org.flashstack.driver.spi.mux, spi.maxLanes = 1)")
public class SpiConnectCommand extends FlashStackAction {

  @Reference SerprogClients clients;

  @Argument(index = 0, name = "uri", description = "serprog:<host>:<port>", required = true)
  String uri;

  @Option(name = "--bus", description = "The bus name it becomes (default ext0)")
  String bus = "ext0";

  @Override
  void run() throws Exception {
    if (!uri.startsWith("serprog:")) {
      throw new UserMistake("spi:connect knows serprog:<host>:<port>, not " + uri);
    }
    String where = uri.substring("serprog:".length());
    int colon = where.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(where.substring(colon + 1));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new UserMistake("serprog: needs <host>:<port>, not " + where);
    }
    if (colon <= 0) {
      throw new UserMistake("serprog: needs <host>:<port>, not " + where);
    }
    clients.connect(bus, where.substring(0, colon), port);
    System.out.printf("bus %s: serprog programmer at %s (one lane)%n", bus, where);
  }
}
