package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.serprog.SerprogServers;

/** {@code serprog:stop <port>}: stops a serprog server. */
@Service
@Command(scope = "serprog", name = "stop", description = "Stops the serprog server on a port")
public class SerprogStopCommand extends FlashStackAction {

  @Reference SerprogServers servers;

  @Argument(index = 0, name = "port", description = "The server's port", required = true)
  int port;

  @Override
  void run() {
    if (!servers.stop(port)) {
      throw new UserMistake("no serprog server on port " + port + " (serprog:list shows them)");
    }
    System.out.println("serprog server on port " + port + " stopped");
  }
}
