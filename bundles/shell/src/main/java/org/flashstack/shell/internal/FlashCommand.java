package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.flashstack.api.flash.Flash;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A command on one flash device: takes the device name as its first argument (completed with the
 * live devices), finds the best-ranked Flash service of that name and holds it while the command
 * runs.
 */
abstract class FlashCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Argument(index = 0, name = "device", description = "Flash device name", required = true)
  @Completion(FlashDeviceCompleter.class)
  String device;

  @Override
  final void run() throws Exception {
    try (Services.Held<Flash> held = Services.flash(context, device)) {
      execute(held.get(), held.reference());
    }
  }

  /** Does the command's work on the device; prints its output, throws on failure. */
  abstract void execute(Flash flash, ServiceReference<Flash> reference) throws Exception;
}
