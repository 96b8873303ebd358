package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.gdb.GdbServers;

/** {@code gdb:serve [--port p] <target>}: a gdbserver on a target's memory. */
@Service
@Command(
    scope = "gdb",
    name = "serve",
    description =
        "Serves a MemProgLib target's (or a RAM's) memory to gdb and other RSP clients, on loopback"
            + " unless configured otherwise (etc/org.flashstack.gdb.cfg: bind)")
public class GdbServeCommand extends FlashStackAction {

  @Reference GdbServers servers;

  @Argument(
      index = 0,
      name = "target",
      description = "MemProgLib target or RAM name: default",
      required = true)
  String target;

  @Option(name = "--port", description = "TCP port (default 3333; 0 for any free one)")
  int port = 3333;

  @Override
  void run() throws Exception {
    GdbServers.Served served = servers.serve(target, port);
    System.out.printf(
        "gdb server for %s on %s (gdb: target extended-remote %s)%n",
        served.target(), served.address(), served.address());
  }
}
