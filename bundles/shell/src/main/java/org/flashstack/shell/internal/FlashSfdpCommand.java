package org.flashstack.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.flash.Flash;
import org.flashstack.driver.spinor.SpiNorParameters;
import org.flashstack.sfdp.SfdpDecoder;
import org.flashstack.sfdp.SfdpFormatException;
import org.flashstack.sfdp.SfdpJson;
import org.flashstack.sfdp.SfdpReport;
import org.flashstack.sfdp.SfdpSpace;

/**
 * {@code flash:sfdp <device> [--json]} or {@code flash:sfdp --file <dump> [--json]}: the SFDP the
 * SPI NOR driver read from a device, or an SFDP dump (the bytes Read SFDP 5Ah returns from address
 * 0, captured from a real chip or a tool), decoded per JESD216: parameter headers and tables, or
 * with {@code --json} one JSON object for scripts. A malformed dump fails with the field and offset
 * that are wrong.
 */
@Service
@Command(
    scope = "flash",
    name = "sfdp",
    description =
        "Decodes a JESD216 SFDP dump: parameter headers, basic flash parameters, 4-byte instructions, sector map")
public class FlashSfdpCommand extends FlashStackAction {

  /** The SFDP address space is 24 bits. */
  static final long LIMIT = 1L << 24;

  @Argument(
      index = 0,
      name = "device",
      description = "SPI NOR device whose SFDP to read (needs the SPI NOR driver)",
      required = false)
  @Completion(FlashDeviceCompleter.class)
  String device;

  @org.apache.karaf.shell.api.action.lifecycle.Reference org.osgi.framework.BundleContext context;

  @Option(
      name = "--file",
      aliases = "-f",
      description = "SFDP dump file: the bytes Read SFDP (5Ah) returns from address 0")
  @Completion(UserFileCompleter.class)
  String file;

  @Option(name = "--json", aliases = "-j", description = "One JSON object, for scripts")
  boolean json;

  @Override
  void run() throws Exception {
    if (file == null && device == null) {
      throw new UserMistake("give an SPI NOR device, or an SFDP dump with --file <dump>");
    }
    if (file == null) {
      try (Services.Held<Flash> held = Services.flash(context, device)) {
        SpiNorParameters parameters =
            SpiNorFacts.of(held.get())
                .orElseThrow(
                    () ->
                        new UserMistake(
                            device + " is not an SPI NOR device (its driver reads no SFDP)"));
        if (parameters.sfdp() == null) {
          throw new UserMistake(
              device
                  + " has no usable SFDP; its driver uses the hand-configured part "
                  + parameters.handPart());
        }
        print(parameters.sfdp());
      }
      return;
    }
    Path path = UserPaths.resolve(session, file);
    if (Files.isRegularFile(path) && Files.size(path) > LIMIT) {
      throw new UserMistake(
          path + " has " + Files.size(path) + " bytes; an SFDP space is at most 16 MiB");
    }
    byte[] dump = InputFiles.read(path);
    SfdpSpace space;
    try {
      space = SfdpDecoder.decode(dump);
    } catch (SfdpFormatException e) {
      throw new UserMistake(path.getFileName() + ": not a valid SFDP space: " + e.getMessage());
    }
    print(space);
  }

  private void print(SfdpSpace space) {
    if (json) {
      System.out.println(SfdpJson.toJson(space, false));
    } else {
      SfdpReport.lines(space).forEach(System.out::println);
    }
  }
}
