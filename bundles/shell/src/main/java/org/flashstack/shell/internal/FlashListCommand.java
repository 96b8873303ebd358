package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashIdentity;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** {@code flash:list}: every flash device with its driver, size and identity. */
@Service
@Command(scope = "flash", name = "list", description = "Lists the flash devices")
public class FlashListCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Reference(optional = true)
  org.osgi.service.component.runtime.ServiceComponentRuntime runtime;

  @Reference(optional = true)
  org.flashstack.api.flash.FlashVirtualizer virtualizer;

  @Option(
      name = "--no-format",
      description = "Plain output: no table borders or padding, for scripts")
  boolean noFormat;

  @Override
  void run() throws Exception {
    ShellTable table = new ShellTable();
    table.column("Name");
    table.column("Driver");
    table.column("Size");
    table.column("Blocks");
    table.column("Manufacturer");
    table.column("Device ID");
    table.column("Interface");
    java.util.List<ServiceReference<Flash>> references =
        Services.references(context, Flash.class, null);
    references.sort(
        java.util.Comparator.comparing(
            reference -> String.valueOf(reference.getProperty(DeviceProperties.NAME))));
    for (ServiceReference<Flash> reference : references) {
      Flash flash = context.getService(reference);
      if (flash == null) {
        continue;
      }
      try {
        FlashGeometry geometry = flash.geometry();
        FlashIdentity identity = flash.identity();
        table
            .addRow()
            .addContent(
                flash.name(),
                String.valueOf(reference.getProperty(DeviceProperties.DRIVER_NAME)),
                ByteSizes.format(geometry.size()),
                geometry.isUniform()
                    ? geometry.blockCount()
                        + " x "
                        + ByteSizes.format(geometry.regions().get(0).blockSize())
                    : geometry.blockCount() + " (" + geometry.regions().size() + " regions)",
                String.format("0x%02x %s", identity.manufacturerId(), identity.manufacturerName()),
                String.format("0x%04x", identity.deviceId()),
                identity.interfaceDescription());
      } finally {
        context.ungetService(reference);
      }
    }
    table.print(System.out, !noFormat);
    for (DeviceProblems.Problem problem : DeviceProblems.find(context, runtime, virtualizer)) {
      String reason = problem.reason();
      System.out.println(
          "not up: "
              + (reason.startsWith(problem.device() + ":")
                  ? reason
                  : problem.device() + ": " + reason));
    }
  }
}
