package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.partition.FlashPartition;

/** {@code part:erase <partition> <offset> <length>}: erases whole blocks of a partition. */
@Service
@Command(
    scope = "part",
    name = "erase",
    description = "Erases whole blocks of a partition; both ends must be erase block boundaries")
public class PartEraseCommand extends PartitionCommand {

  @Reference EmulatedClock clock;

  @Argument(
      index = 1,
      name = "offset",
      description = "Offset in the partition, on an erase block boundary",
      required = true)
  String offset;

  @Argument(
      index = 2,
      name = "length",
      description =
          "Number of bytes, ending on an erase block boundary (the partition's size for all of it)",
      required = true)
  String length;

  @Override
  void execute(FlashPartition target) throws Exception {
    long address = Numbers.parse(offset, "offset");
    long count = Numbers.parse(length, "length");
    long started = System.nanoTime();
    long deviceStarted = clock.now();
    target.erase(address, count);
    System.out.printf(
        "%s erased in partition %s at 0x%08x%n",
        Numbers.rate(count, System.nanoTime() - started, clock.now() - deviceStarted),
        partition,
        address);
  }
}
