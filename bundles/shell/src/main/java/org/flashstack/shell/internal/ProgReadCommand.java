package org.flashstack.shell.internal;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.memprog.host.MemProgProgrammer;
import org.flashstack.memprog.host.TargetInterface;

/** {@code prog:read}: reads a range of an interface, as a hex dump or into a file. */
@Service
@Command(
    scope = "prog",
    name = "read",
    description = "Reads a range of an interface of the connected target (READ)")
public class ProgReadCommand extends ProgRangeCommand {

  @Option(name = "--out", description = "Write the bytes to this file instead of a hex dump")
  String out;

  @Override
  void onRange(MemProgProgrammer programmer, TargetInterface target, long address, long count)
      throws Exception {
    long began = System.nanoTime();
    if (out != null) {
      Path file = OutputFiles.target(UserPaths.resolve(session, out));
      OutputFiles.write(file, stream -> programmer.read(target.number(), address, count, stream));
      System.out.printf(
          "%s: %s to %s%n", target.label(), Numbers.rate(count, System.nanoTime() - began), file);
      return;
    }
    if (count > 1 << 20) {
      throw new UserMistake("a hex dump shows at most 1 MiB; use --out for more");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    programmer.read(target.number(), address, count, bytes);
    System.out.print(HexDump.format(address, bytes.toByteArray()));
  }
}
