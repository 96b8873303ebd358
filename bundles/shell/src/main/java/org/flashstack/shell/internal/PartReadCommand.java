package org.flashstack.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.partition.FlashPartition;

/** {@code part:read <partition> <offset> <length> [--out file]}: as flash:read, in a partition. */
@Service
@Command(
    scope = "part",
    name = "read",
    description = "Reads a range of a partition: hex dump, or into a file with --out")
public class PartReadCommand extends PartitionCommand {

  @Argument(
      index = 1,
      name = "offset",
      description = "Offset in the partition (4096, 0x1000, 64K)",
      required = true)
  String offset;

  @Argument(
      index = 2,
      name = "length",
      description = "Number of bytes (4096, 0x1000, 64K)",
      required = true)
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
  void execute(FlashPartition target) throws Exception {
    if (trailing != null) {
      out =
          TrailingOptions.value(
              trailing, out, "part:read [--out file] <partition> <offset> <length>", "--out", "-o");
    }
    RangeReads.show(
        session,
        target::read,
        "partition " + partition,
        Numbers.parse(offset, "offset"),
        Numbers.parse(length, "length"),
        out);
  }
}
