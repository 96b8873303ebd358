package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.device.DevicePower;
import org.osgi.framework.BundleContext;

/**
 * {@code power:cycle <device>}: cuts and restores a device's supply. Its volatile state goes
 * (modes, buffers, volatile locks, an operation in progress); an operation in flight fails with
 * POWER_LOST; the cells keep their contents.
 */
@Service
@Command(
    scope = "power",
    name = "cycle",
    description = "Power-cycles a device: volatile state lost, cells kept")
public class PowerCycleCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Argument(index = 0, name = "device", description = "Device name", required = true)
  @Completion(MmioDeviceCompleter.class)
  String device;

  @Override
  void run() throws Exception {
    try (Services.Held<DevicePower> held =
        Services.byName(context, DevicePower.class, device, "powered device")) {
      held.get().cycle();
      System.out.printf(
          "%s power-cycled (%d power loss(es) since it started)%n",
          device, held.get().powerLossCount());
    }
  }
}
