package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.flashstack.memprog.host.MemProgProgrammer;
import org.flashstack.memprog.host.TargetInterface;

/** A {@code prog:} command on a range of an interface: {@code <interface> <offset> <length>}. */
abstract class ProgRangeCommand extends ProgCommand {

  @Argument(
      index = 0,
      name = "interface",
      description = "Interface number, or what it is bound to (staging, partition:staging)",
      required = true)
  String iface;

  @Argument(index = 1, name = "offset", description = "Offset in the interface", required = true)
  String offset;

  @Argument(index = 2, name = "length", description = "Bytes (256, 4K, 1M)", required = true)
  String length;

  @Override
  final void prog() throws Exception {
    MemProgProgrammer programmer = programmer();
    onRange(
        programmer,
        iface(programmer, iface),
        Numbers.parse(offset, "offset"),
        Numbers.parse(length, "length"));
  }

  abstract void onRange(
      MemProgProgrammer programmer, TargetInterface target, long address, long count)
      throws Exception;
}
