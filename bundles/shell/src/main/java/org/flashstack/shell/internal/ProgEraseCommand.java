package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.memprog.host.MemProgProgrammer;
import org.flashstack.memprog.host.TargetInterface;

/** {@code prog:erase}: erases a range of an interface, or all of it. */
@Service
@Command(
    scope = "prog",
    name = "erase",
    description =
        "Erases a range of an interface (ERASE_RANGE), or all of it with --all (MASS_ERASE)")
public class ProgEraseCommand extends ProgCommand {

  @Argument(
      index = 0,
      name = "interface",
      description = "Interface number or name",
      required = true)
  String iface;

  @Argument(index = 1, name = "offset", description = "Offset, on an erase unit boundary")
  String offset;

  @Argument(index = 2, name = "length", description = "Bytes, whole erase units")
  String length;

  @Option(name = "--all", description = "Erase the whole interface")
  boolean all;

  @Override
  void prog() throws Exception {
    MemProgProgrammer programmer = programmer();
    TargetInterface target = iface(programmer, iface);
    long began = System.nanoTime();
    if (all) {
      if (offset != null) {
        throw new UserMistake("--all takes no offset or length");
      }
      programmer.eraseAll(target.number());
      System.out.printf(
          "%s: erased all in %.3f s%n", target.label(), (System.nanoTime() - began) / 1e9);
      return;
    }
    if (offset == null || length == null) {
      throw new UserMistake("give an offset and a length, or --all");
    }
    long address = Numbers.parse(offset, "offset");
    long count = Numbers.parse(length, "length");
    programmer.erase(target.number(), address, count);
    System.out.printf(
        "%s: erased [0x%08x, 0x%08x) in %.3f s%n",
        target.label(), address, address + count, (System.nanoTime() - began) / 1e9);
  }
}
