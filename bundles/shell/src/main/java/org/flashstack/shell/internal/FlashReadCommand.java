package org.flashstack.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.flash.Flash;
import org.osgi.framework.ServiceReference;

/** {@code flash:read <device> <offset> <length> [--out file]}: hex dump, or save to a file. */
@Service
@Command(
    scope = "flash",
    name = "read",
    description = "Reads a range of a flash device: hex dump, or into a file with --out")
public class FlashReadCommand extends FlashCommand {

  @Argument(
      index = 1,
      name = "offset",
      description = "Start address (4096, 0x1000, 64K)",
      required = true)
  @Completion(BlockBoundaryCompleter.class)
  String offset;

  @Argument(
      index = 2,
      name = "length",
      description = "Number of bytes (4096, 0x1000, 64K)",
      required = true)
  @Completion(LengthCompleter.class)
  String length;

  @Option(
      name = "--out",
      aliases = "-o",
      description = "Write the bytes to this file instead of dumping them")
  @Completion(UserFileCompleter.class)
  String out;

  @Argument(
      index = 3,
      name = "--out file",
      description = "--out may also follow the other arguments",
      multiValued = true)
  List<String> trailing;

  @Override
  void execute(Flash flash, ServiceReference<Flash> reference) throws Exception {
    if (trailing != null) {
      out =
          TrailingOptions.value(
              trailing, out, "flash:read [--out file] <device> <offset> <length>", "--out", "-o");
    }
    RangeReads.show(
        session,
        flash::read,
        device,
        Numbers.parse(offset, "offset"),
        Numbers.parse(length, "length"),
        out);
  }
}
