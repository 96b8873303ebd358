package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.fault.DeviceFaults;
import org.osgi.framework.BundleContext;

/**
 * {@code fault:clear <device> [--counts]}: no more faults on the device (weak and worn-out bits
 * already in its cells stay until erased); with {@code --counts} its counts and events are
 * forgotten too.
 */
@Service
@Command(scope = "fault", name = "clear", description = "Puts the empty fault plan in force")
public class FaultClearCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Argument(index = 0, name = "device", description = "Device name", required = true)
  @Completion(FaultDeviceCompleter.class)
  String device;

  @Option(name = "--counts", description = "Forget the counts and events as well")
  boolean counts;

  @Override
  void run() throws Exception {
    try (Services.Held<DeviceFaults> held =
        Services.byName(context, DeviceFaults.class, device, "device with a fault engine")) {
      held.get().clear();
      if (counts) {
        held.get().resetCounts();
      }
      System.out.printf("%s: no faults%s%n", device, counts ? "; counts and events forgotten" : "");
    }
  }
}
