package org.flashstack.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.kv.KeyValueStore;

/**
 * {@code kv:import [--confirm] <store> <image>}: an NVS image (a device's dump, or one {@code
 * ./flashstack nvs generate} made) becomes the store's contents. Without {@code --confirm} it says
 * what the image holds and writes nothing.
 */
@Service
@Command(
    scope = "kv",
    name = "import",
    description =
        "Replaces a store's contents with an NVS image (a device's dump); --confirm writes")
public class KvImportCommand extends KvCommand {

  @Argument(index = 1, name = "image", description = "The NVS image file", required = true)
  String image;

  @Option(name = "--confirm", description = "Erase the partition and write the image")
  boolean confirm;

  @Override
  void run() throws Exception {
    byte[] bytes = InputFiles.read(UserPaths.resolve(session, image));
    try (Services.Held<KeyValueStore> held = store()) {
      List<String> lines = held.get().importImage(bytes, confirm);
      lines.forEach(System.out::println);
      System.out.println(
          confirm
              ? image + " written to partition " + held.get().partition()
              : image
                  + ": nothing written; add --confirm to erase partition "
                  + held.get().partition()
                  + " and write it");
    }
  }
}
