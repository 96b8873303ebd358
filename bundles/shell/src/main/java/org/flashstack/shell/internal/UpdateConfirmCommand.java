package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.update.FirmwareUpdate;

/** {@code update:confirm}: the active image on trial is good; it stays active. */
@Service
@Command(scope = "update", name = "confirm", description = "Confirms the active image good")
public class UpdateConfirmCommand extends UpdateCommand {

  @Override
  void run(FirmwareUpdate update) throws Exception {
    System.out.println("confirmed: " + describe(update.confirm()));
  }
}
