package org.flashstack.shell.internal;

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
public class ProgCrcCommand extends ProgRangeCommand {

  @Override
  void onRange(MemProgProgrammer programmer, TargetInterface target, long address, long count)
      throws Exception {
    long crc = programmer.crc(target.number(), address, count);
    System.out.printf(
        "%s: CRC32 of [0x%08x, 0x%08x) = 0x%08x%n", target.label(), address, address + count, crc);
  }
}
