package org.flashstack.shell.internal;

import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.flash.Flash;
import org.osgi.framework.ServiceReference;

/** {@code flash:read <device> <offset> <length> [--out file]}: hex dump, or save to a file. */
@Service
@Command(
    scope = "flash",
    name = "read",
    description = "Reads a range of a flash device: hex dump, or into a file with --out")
public class FlashReadCommand extends FlashCommand {

  /** Hex dumps larger than this are refused; use --out. */
  static final long MAX_DUMP = 1 << 20;

  /** Reads into a file go in chunks of this size. */
  static final int CHUNK = 1 << 20;

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
    long address = Numbers.parse(offset, "offset");
    long count = Numbers.parse(length, "length");
    if (out == null && count > MAX_DUMP) {
      throw new IllegalArgumentException(
          "hex dumps are limited to "
              + ByteSizes.format(MAX_DUMP)
              + "; use --out <file> for "
              + ByteSizes.format(count));
    }
    if (out == null) {
      byte[] data = new byte[(int) count];
      flash.read(address, data, 0, data.length);
      System.out.print(HexDump.format(address, data));
      return;
    }
    long started = System.nanoTime();
    Path file = OutputFiles.target(UserPaths.resolve(session, out));
    OutputFiles.write(
        file,
        stream -> {
          byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(count, 1))];
          for (long done = 0; done < count; done += chunk.length) {
            int size = (int) Math.min(chunk.length, count - done);
            flash.read(address + done, chunk, 0, size);
            stream.write(chunk, 0, size);
          }
        });
    System.out.printf(
        "%s read from %s at 0x%08x into %s%n",
        Numbers.rate(count, System.nanoTime() - started), device, address, file);
  }
}
