package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code prog:disconnect}: closes the MemProgLib connection. */
@Service
@Command(scope = "prog", name = "disconnect", description = "Closes the MemProgLib connection")
public class ProgDisconnectCommand extends ProgCommand {

  @Override
  void prog() {
    System.out.println(sessions.disconnect() ? "disconnected" : "not connected");
  }
}
