package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.gdb.GdbServers;

/** {@code gdb:stop <port>}: stops a gdb server. */
@Service
@Command(scope = "gdb", name = "stop", description = "Stops the gdb server on a port")
public class GdbStopCommand extends FlashStackAction {

  @Reference GdbServers servers;

  @Argument(index = 0, name = "port", description = "The server's port", required = true)
  int port;

  @Override
  void run() {
    if (!servers.stop(port)) {
      throw new UserMistake("no gdb server on port " + port + " (gdb:list shows them)");
    }
    System.out.println("gdb server on port " + port + " stopped");
  }
}
