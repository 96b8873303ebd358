package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.memprog.host.MemProgProgrammer;
import org.flashstack.memprog.host.TargetInterface;

/** {@code prog:crc}: the target's CRC32 of a range of an interface. */
@Service
@Command(
    scope = "prog",
    name = "crc",
    description = "Has the target compute the CRC32 (zlib's) of a range of an interface (CRC)")
public class ProgCrcCommand extends ProgCommand {

  @Argument(
      index = 0,
      name = "interface",
      description = "Interface number or name",
      required = true)
  String iface;

  @Argument(index = 1, name = "offset", description = "Offset in the interface", required = true)
  String offset;

  @Argument(index = 2, name = "length", description = "Bytes", required = true)
  String length;

  @Override
  void prog() throws Exception {
    MemProgProgrammer programmer = programmer();
    TargetInterface target = iface(programmer, iface);
    long address = Numbers.parse(offset, "offset");
    long count = Numbers.parse(length, "length");
    long crc = programmer.crc(target.number(), address, count);
    System.out.printf(
        "%s: CRC32 of [0x%08x, 0x%08x) = 0x%08x%n", target.label(), address, address + count, crc);
  }
}
