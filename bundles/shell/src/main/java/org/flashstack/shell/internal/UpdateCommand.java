package org.flashstack.shell.internal;

import java.util.Collection;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.flashstack.api.update.FirmwareUpdate;
import org.flashstack.api.update.SlotStatus;
import org.flashstack.api.update.UpdateException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The update:* commands: each runs one step of a board's A/B update (docs/update.md). A step the
 * request made impossible (a malformed image, nothing staged) is the user's to fix; a failure of
 * the flash is a fault.
 */
abstract class UpdateCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Option(name = "--update", description = "The update service (update.name), if there are several")
  String name;

  /** Runs the step on the service. */
  abstract void run(FirmwareUpdate update) throws Exception;

  @Override
  final void run() throws Exception {
    String filter = name == null ? null : "(update.name=" + name + ")";
    Collection<ServiceReference<FirmwareUpdate>> found =
        context.getServiceReferences(FirmwareUpdate.class, filter);
    if (found.isEmpty()) {
      throw new UserMistake(
          name == null
              ? "no A/B update is configured (factory PID org.flashstack.update)"
              : "no A/B update named " + name);
    }
    if (found.size() > 1 && name == null) {
      throw new UserMistake("several A/B updates are configured: say which with --update");
    }
    ServiceReference<FirmwareUpdate> reference = found.iterator().next();
    FirmwareUpdate update = context.getService(reference);
    try {
      run(update);
    } catch (UpdateException e) {
      if (e.reason() == UpdateException.Reason.FLASH) {
        throw e;
      }
      throw new UserMistake(e.getMessage());
    } finally {
      context.ungetService(reference);
    }
  }

  static String describe(SlotStatus slot) {
    return String.format(
        "%s: %s%s%s",
        slot.name(),
        slot.state().name().toLowerCase(java.util.Locale.ROOT),
        slot.version().isEmpty() ? "" : ", version " + slot.version(),
        slot.length() == 0 ? "" : ", " + slot.length() + " bytes");
  }
}
