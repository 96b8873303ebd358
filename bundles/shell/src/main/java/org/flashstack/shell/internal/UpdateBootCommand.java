package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.update.BootDecision;
import org.flashstack.api.update.FirmwareUpdate;

/**
 * {@code update:boot}: runs boot selection as at reset (a trial boot counts an attempt) and says
 * what boots and why.
 */
@Service
@Command(
    scope = "update",
    name = "boot",
    description = "Runs boot selection: the active slot, else the other, else recovery")
public class UpdateBootCommand extends UpdateCommand {

  @Override
  void run(FirmwareUpdate update) throws Exception {
    BootDecision boot = update.boot();
    if (!boot.bootable()) {
      throw new IllegalStateException("nothing bootable: " + boot.reason());
    }
    System.out.printf(
        "boots %s (%s, version %s): %s%n",
        boot.partition(),
        boot.source().name().toLowerCase(java.util.Locale.ROOT),
        boot.version(),
        boot.reason());
  }
}
