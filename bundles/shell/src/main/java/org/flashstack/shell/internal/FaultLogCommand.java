package org.flashstack.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.fault.DeviceFaults;
import org.flashstack.api.fault.FaultEvent;
import org.osgi.framework.BundleContext;

/** {@code fault:log <device> [-n N]}: the latest faults a device injected, oldest first. */
@Service
@Command(scope = "fault", name = "log", description = "Lists the latest faults a device injected")
public class FaultLogCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Argument(index = 0, name = "device", description = "Device name", required = true)
  @Completion(FaultDeviceCompleter.class)
  String device;

  @Option(name = "-n", description = "How many of the latest events (at most 256 are kept)")
  int count = 20;

  @Override
  void run() throws Exception {
    if (count < 1) {
      throw new IllegalArgumentException("-n " + count + ": ask for 1 event or more");
    }
    try (Services.Held<DeviceFaults> held =
        Services.byName(context, DeviceFaults.class, device, "device with a fault engine")) {
      List<FaultEvent> events = held.get().events();
      List<FaultEvent> latest = events.subList(Math.max(0, events.size() - count), events.size());
      if (latest.isEmpty()) {
        System.out.printf("%s: no faults injected%n", device);
      }
      for (FaultEvent event : latest) {
        System.out.println(event);
      }
    }
  }
}
