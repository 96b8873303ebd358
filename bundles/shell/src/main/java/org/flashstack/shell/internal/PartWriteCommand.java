package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.partition.FlashPartition;

/**
 * {@code part:write <partition> <offset> <file>}: programs a file's bytes into a partition and
 * verifies them (NOR rules: erase first with part:erase).
 */
@Service
@Command(
    scope = "part",
    name = "write",
    description = "Programs a file into a partition at an offset and verifies it")
public class PartWriteCommand extends PartitionCommand {

  @Reference EmulatedClock clock;

  @Argument(
      index = 1,
      name = "offset",
      description = "Offset in the partition (4096, 0x1000, 64K)",
      required = true)
  String offset;

  @Argument(
      index = 2,
      name = "file",
      description = "File whose bytes are programmed",
      required = true)
  @Completion(UserFileCompleter.class)
  String file;

  @Override
  void execute(FlashPartition target) throws Exception {
    long address = Numbers.parse(offset, "offset");
    byte[] data = InputFiles.read(UserPaths.resolve(session, file));
    // the whole range is checked before the first piece goes, so a refusal changes no byte
    if (target.readOnly()) {
      throw new UserMistake(String.format("partition %s is read-only; nothing written", partition));
    }
    if (address > target.size() || data.length > target.size() - address) {
      throw new UserMistake(
          String.format(
              "partition %s: OUT_OF_RANGE: %d bytes at 0x%x do not fit the partition (%s);"
                  + " nothing written",
              partition, data.length, address, ByteSizes.format(target.size())));
    }
    String figures =
        RangeWrites.writeAndVerify(
            System.out,
            target::write,
            target::read,
            address,
            data,
            RangeWrites.PIECE,
            clock,
            (at, wrote, read) ->
                String.format(
                    "partition %s: verify failed at 0x%08x: wrote 0x%02x, read 0x%02x; the cells"
                        + " were not erased (part:erase first)",
                    partition, at, wrote, read));
    System.out.printf(
        "%s written to partition %s at 0x%08x (%s 0x%08x), verified%n",
        figures, partition, address, target.device(), target.offset() + address);
  }
}
