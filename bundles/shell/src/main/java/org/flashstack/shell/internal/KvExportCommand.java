package org.flashstack.shell.internal;

import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.kv.KeyValueStore;

/**
 * {@code kv:export <store> <file>}: the store's partition as an NVS image, to flash on a device.
 */
@Service
@Command(
    scope = "kv",
    name = "export",
    description = "Writes a store's partition as an NVS image file")
public class KvExportCommand extends KvCommand {

  @Argument(index = 1, name = "file", description = "The image file to write", required = true)
  String file;

  @Override
  void run() throws Exception {
    Path target = OutputFiles.target(UserPaths.resolve(session, file));
    try (Services.Held<KeyValueStore> held = store()) {
      byte[] image = held.get().exportImage();
      OutputFiles.write(target, out -> out.write(image));
      System.out.println(
          image.length + " bytes of partition " + held.get().partition() + " written to " + target);
    }
  }
}
