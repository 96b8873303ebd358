package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.update.FirmwareUpdate;

/**
 * {@code update:stage [--recovery] <image>}: writes an update image into the slot that is not
 * active (or, with {@code --recovery}, into the recovery partition), reads it back and verifies it.
 */
@Service
@Command(
    scope = "update",
    name = "stage",
    description = "Stages an update image into the slot that is not active, verified")
public class UpdateStageCommand extends UpdateCommand {

  @Option(name = "--recovery", description = "Write the recovery image instead")
  boolean recovery;

  @Argument(
      index = 0,
      name = "image",
      description = "Update image (update:image makes one)",
      required = true)
  @Completion(UserFileCompleter.class)
  String file;

  @Override
  void run(FirmwareUpdate update) throws Exception {
    byte[] image = InputFiles.read(UserPaths.resolve(session, file));
    System.out.println(
        (recovery ? "recovery written: " : "staged into ")
            + describe(recovery ? update.provisionRecovery(image) : update.stage(image)));
  }
}
