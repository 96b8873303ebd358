package org.flashstack.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashGeometry;
import org.osgi.framework.ServiceReference;

/**
 * {@code flash:write <device> <offset> <file> [--erase]}: programs a file's bytes and verifies
 * them. With {@code --erase} it is one atomic {@link Flash#update}: the blocks the range touches
 * are erased where needed, keeping their bytes outside the range, as one queued operation.
 */
@Service
@Command(
    scope = "flash",
    name = "write",
    description = "Programs a file into a flash device at an offset and verifies it")
public class FlashWriteCommand extends FlashCommand {

  @Reference EmulatedClock clock;

  @Argument(
      index = 1,
      name = "offset",
      description = "Start address (4096, 0x1000, 64K)",
      required = true)
  @Completion(BlockBoundaryCompleter.class)
  String offset;

  @Argument(
      index = 2,
      name = "file",
      description = "File whose bytes are programmed",
      required = true)
  @Completion(UserFileCompleter.class)
  String file;

  @Option(
      name = "--erase",
      aliases = "-e",
      description =
          "Erase the touched blocks where needed, keeping their bytes outside the range (one atomic update)")
  boolean erase;

  @Argument(
      index = 3,
      name = "--erase",
      description = "--erase may also follow the other arguments",
      multiValued = true)
  @Completion(
      value = StringsCompleter.class,
      values = {"--erase"})
  List<String> trailing;

  @Override
  void execute(Flash flash, ServiceReference<Flash> reference) throws Exception {
    if (trailing != null) {
      erase |=
          TrailingOptions.flag(
              trailing, "flash:write [--erase] <device> <offset> <file>", "--erase", "-e");
    }
    long address = Numbers.parse(offset, "offset");
    byte[] data = InputFiles.read(UserPaths.resolve(session, file));
    FlashGeometry geometry = flash.geometry();
    if (address > geometry.size() || data.length > geometry.size() - address) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %d bytes at 0x%x do not fit the device (%d bytes); nothing written",
              device, data.length, address, geometry.size()));
    }
    long[] erased = {0};
    String figures =
        RangeWrites.writeAndVerify(
            System.out,
            erase
                ? (at, source, from, length) -> erased[0] += flash.update(at, source, from, length)
                : flash::program,
            flash::read,
            address,
            data,
            // --erase is one atomic update: one piece
            erase ? Math.max(data.length, 1) : RangeWrites.PIECE,
            clock,
            (at, wrote, read) ->
                String.format(
                    "%s: verify failed at 0x%08x: wrote 0x%02x, read 0x%02x; the cells were not"
                        + " erased (use --erase, or flash:erase first)",
                    device, at, wrote, read));
    System.out.printf(
        "%s written to %s at 0x%08x%s, verified%n",
        figures,
        device,
        address,
        erase ? ", " + ByteSizes.format(erased[0]) + " erased first" : "");
  }
}
