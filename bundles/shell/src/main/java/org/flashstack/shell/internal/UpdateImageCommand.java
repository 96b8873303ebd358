package org.flashstack.shell.internal;

import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.update.UpdateImage;

/**
 * {@code update:image --version 1.2.3 <payload> <image>}: wraps a firmware binary in the update
 * image header (magic, version, length, SHA-256).
 */
@Service
@Command(
    scope = "update",
    name = "image",
    description =
        "Makes an update image of a firmware binary: header with version, length, SHA-256")
public class UpdateImageCommand extends FlashStackAction {

  @Option(name = "--version", description = "major.minor.patch", required = true)
  String version;

  @Argument(index = 0, name = "payload", description = "Firmware binary", required = true)
  @Completion(UserFileCompleter.class)
  String payload;

  @Argument(index = 1, name = "image", description = "Update image to write", required = true)
  @Completion(UserFileCompleter.class)
  String image;

  @Override
  void run() throws Exception {
    String[] numbers = version.split("\\.");
    if (numbers.length != 3) {
      throw new IllegalArgumentException(
          "--version " + version + ": major.minor.patch, as in 1.2.3");
    }
    int[] v = new int[3];
    for (int i = 0; i < 3; i++) {
      try {
        v[i] = Integer.parseInt(numbers[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--version " + version + ": '" + numbers[i] + "' is not a number");
      }
    }
    byte[] bytes = InputFiles.read(UserPaths.resolve(session, payload));
    byte[] built = UpdateImage.build(v[0], v[1], v[2], bytes);
    Path out = OutputFiles.target(UserPaths.resolve(session, image));
    OutputFiles.write(out, stream -> stream.write(built));
    System.out.printf(
        "%s: version %s, %d payload bytes, SHA-256 %s%n",
        out, version, bytes.length, UpdateImage.verify(built).digest());
  }
}
