package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.flash.FlashVirtualizer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/** {@code flash:problems}: every configured device that did not come up, and why, one line each. */
@Service
@Command(
    scope = "flash",
    name = "problems",
    description = "Lists the configured devices that did not come up, each with the reason")
public class FlashProblemsCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Reference(optional = true)
  ServiceComponentRuntime runtime;

  @Reference(optional = true)
  FlashVirtualizer virtualizer;

  @Option(name = "--no-format", description = "Plain output, for scripts")
  boolean noFormat;

  @Override
  void run() {
    var problems = DeviceProblems.find(context, runtime, virtualizer);
    if (problems.isEmpty()) {
      System.out.println("Every configured device is up");
      return;
    }
    ShellTable table = new ShellTable();
    table.column("Device");
    table.column("State");
    table.column("Reason");
    for (DeviceProblems.Problem problem : problems) {
      table.addRow().addContent(problem.device(), problem.kind(), problem.reason());
    }
    table.print(System.out, !noFormat);
  }
}
