package org.flashstack.shell.internal;

import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.spi.SpiBinding;
import org.flashstack.api.spi.SpiDevice;
import org.flashstack.api.spi.SpiMaster;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** {@code spi:hosts}: every SPI controller and the devices on its chip selects. */
@Service
@Command(
    scope = "spi",
    name = "hosts",
    description = "Lists the SPI controllers and the device on each configured chip select")
public class SpiHostsCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Option(name = "--no-format", description = "Plain output: no table borders or padding")
  boolean noFormat;

  @Override
  void run() throws Exception {
    ShellTable table = new ShellTable();
    table.column("Bus");
    table.column("Controller");
    table.column("CS");
    table.column("Device");
    table.column("Clock");
    table.column("Mode");
    table.column("Binding");
    List<ServiceReference<SpiMaster>> masters = Services.references(context, SpiMaster.class, null);
    masters.sort(Comparator.comparing(r -> String.valueOf(r.getProperty(SpiBinding.BUS))));
    for (ServiceReference<SpiMaster> master : masters) {
      String bus = String.valueOf(master.getProperty(SpiBinding.BUS));
      SpiMaster service = context.getService(master);
      if (service == null) {
        continue;
      }
      try {
        List<ServiceReference<SpiDevice>> devices =
            Services.references(context, SpiDevice.class, SpiBinding.busFilter(bus));
        devices.sort(
            Comparator.comparing(r -> String.valueOf(r.getProperty(SpiBinding.CHIP_SELECT))));
        String controller =
            master.getProperty(DeviceProperties.NAME)
                + " ("
                + service.chipSelects()
                + " chip selects)";
        if (devices.isEmpty()) {
          table.addRow().addContent(bus, controller, "-", "-", "-", "-", "-");
        }
        for (ServiceReference<SpiDevice> reference : devices) {
          SpiDevice device = context.getService(reference);
          if (device == null) {
            continue;
          }
          try {
            table
                .addRow()
                .addContent(
                    bus,
                    controller,
                    device.chipSelect(),
                    device.name(),
                    String.format("%.1f MHz", device.settings().clockHertz() / 1e6),
                    device.settings().mode(),
                    String.valueOf(reference.getProperty(DeviceProperties.COMPATIBLE)));
          } finally {
            context.ungetService(reference);
          }
        }
      } finally {
        context.ungetService(master);
      }
    }
    table.print(System.out, !noFormat);
  }
}
