package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.flashstack.memprog.host.MemProgCommandException;
import org.flashstack.memprog.host.MemProgProgrammer;
import org.flashstack.memprog.host.ProgrammerSessions;
import org.flashstack.memprog.host.TargetInterface;
import org.flashstack.memprog.image.ImageFormatException;

/**
 * A {@code prog:} command: works on the framework's MemProgLib connection. A target's error result
 * and a malformed image are the user's to fix and print as one line.
 */
abstract class ProgCommand extends FlashStackAction {

  @Reference ProgrammerSessions sessions;

  @Override
  final void run() throws Exception {
    try {
      prog();
    } catch (MemProgCommandException | ImageFormatException e) {
      throw new UserMistake(e.getMessage());
    }
  }

  abstract void prog() throws Exception;

  MemProgProgrammer programmer() {
    return sessions
        .current()
        .orElseThrow(
            () ->
                new UserMistake("not connected to a MemProgLib target: prog:connect jvm:default"));
  }

  /**
   * @return the interface {@code name} names: its number, what it is bound to ({@code
   *     partition:staging}), or just the partition or device name ({@code staging})
   */
  static TargetInterface iface(MemProgProgrammer programmer, String name) {
    var all = programmer.host().interfaces();
    try {
      int number = Integer.decode(name);
      return programmer.host().iface(number);
    } catch (NumberFormatException e) {
      for (TargetInterface i : all) {
        String d = i.description();
        if (d.equals(name) || d.substring(d.indexOf(':') + 1).equals(name)) {
          return i;
        }
      }
      throw new UserMistake(
          "no interface '"
              + name
              + "' on "
              + programmer.host().uri()
              + "; there are: "
              + String.join(", ", all.stream().map(TargetInterface::label).toList()));
    }
  }
}
