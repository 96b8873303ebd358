package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.serprog.SerprogServers;

/**
 * {@code serprog:serve [--port p] <bus>}: a serprog programmer on an SPI bus's chips, for flashrom.
 */
@Service
@Command(
    scope = "serprog",
    name = "serve",
    description =
        "Serves an SPI bus's chips to flashrom (-p serprog:ip=127.0.0.1:<port>) through the SPI host"
            + " model, on loopback unless configured otherwise (etc/org.flashstack.serprog.cfg: bind)")
public class SerprogServeCommand extends FlashStackAction {

  @Reference SerprogServers servers;

  @Argument(index = 0, name = "bus", description = "The SPI bus: spi0", required = true)
  String bus;

  @Option(name = "--port", description = "TCP port (default 2000; 0 for any free one)")
  int port = 2000;

  @Override
  void run() throws Exception {
    SerprogServers.Served served = servers.serve(bus, port);
    System.out.printf(
        "serprog server for %s on %s (flashrom -p serprog:ip=%s)%n",
        served.bus(), served.address(), served.address());
  }
}
