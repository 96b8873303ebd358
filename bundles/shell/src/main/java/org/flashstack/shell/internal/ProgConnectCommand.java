package org.flashstack.shell.internal;

import java.time.Duration;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.memprog.host.HostSettings;
import org.flashstack.memprog.host.MemProgProgrammer;
import org.flashstack.memprog.protocol.MemProgLayout;

/** {@code prog:connect <uri>}: connects to a MemProgLib target and says what it found. */
@Service
@Command(
    scope = "prog",
    name = "connect",
    description =
        "Connects to a MemProgLib target (jvm:<target>, shm:<file>?base=0x20000000&param=0x20000000)"
            + " and learns its buffers and interfaces")
public class ProgConnectCommand extends ProgCommand {

  @Argument(
      index = 0,
      name = "uri",
      description =
          "jvm:default, or \"shm:<file>?base=0x20000000&param=0x20000000\" (quoted: ? and & mean"
              + " something to the shell)",
      required = true)
  String uri;

  @Option(name = "--timeout", description = "How long a command may wait for the target (ms)")
  long timeoutMillis = 10_000;

  @Option(name = "--buffers", description = "Buffers one interface may use at once (default 2)")
  int buffers = 2;

  @Option(
      name = "--interfaces",
      description = "How many interfaces a public (non-FlashStack) target has")
  int interfaces = -1;

  @Override
  void prog() throws Exception {
    if (timeoutMillis <= 0) {
      throw new UserMistake("--timeout must be more than 0 ms");
    }
    HostSettings settings = new HostSettings(buffers, Duration.ofMillis(timeoutMillis), interfaces);
    MemProgProgrammer programmer = sessions.connect(uri, settings);
    MemProgLayout layout = programmer.host().layout();
    System.out.printf(
        "connected to %s: MemProgLib 2.0.0, %d buffers of %s, %d interfaces%s%n",
        programmer.host().uri(),
        layout.bufferCount(),
        ByteSizes.format(layout.bufferSize()),
        programmer.host().interfaces().size(),
        programmer.host().flashStackTarget() ? "" : " (a public target: interfaces as told)");
  }
}
