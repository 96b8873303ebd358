package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.update.FirmwareUpdate;

/** {@code update:activate}: the staged image boots next, on trial until update:confirm. */
@Service
@Command(
    scope = "update",
    name = "activate",
    description = "Makes the staged image the active one, on trial until confirmed")
public class UpdateActivateCommand extends UpdateCommand {

  @Override
  void run(FirmwareUpdate update) throws Exception {
    System.out.println("active: " + describe(update.activate()));
  }
}
