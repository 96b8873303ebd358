package org.flashstack.shell.internal;

import java.util.Map;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.fault.DeviceFaults;
import org.flashstack.api.fault.FaultKind;
import org.osgi.framework.BundleContext;

/**
 * {@code fault:show [device]}: the plan in force on each device (or one), and how many faults of
 * each kind it injected.
 */
@Service
@Command(
    scope = "fault",
    name = "show",
    description = "Shows each device's fault plan and the faults it injected")
public class FaultShowCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Argument(index = 0, name = "device", description = "Device name (all when left out)")
  @Completion(FaultDeviceCompleter.class)
  String device;

  @Option(name = "--no-format", description = "Plain table, for scripts")
  boolean noFormat;

  @Override
  void run() throws Exception {
    ShellTable table = new ShellTable();
    table.column("Device");
    table.column("Plan");
    table.column("Injected");
    for (String name :
        device == null
            ? new TreeSet<>(Services.names(context, DeviceFaults.class))
            : java.util.List.of(device)) {
      try (Services.Held<DeviceFaults> held =
          Services.byName(context, DeviceFaults.class, name, "device with a fault engine")) {
        StringBuilder injected = new StringBuilder();
        for (Map.Entry<FaultKind, Long> e :
            new java.util.TreeMap<>(held.get().counts()).entrySet()) {
          injected.append(injected.length() == 0 ? "" : ", ");
          injected.append(e.getKey().name().toLowerCase(java.util.Locale.ROOT)).append(' ');
          injected.append(e.getValue());
        }
        table
            .addRow()
            .addContent(
                name, held.get().plan().describe(), injected.length() == 0 ? "none" : injected);
      }
    }
    table.print(System.out, !noFormat);
  }
}
