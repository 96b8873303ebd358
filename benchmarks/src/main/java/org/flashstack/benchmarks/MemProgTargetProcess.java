package org.flashstack.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.target.ArrayRegion;
import org.flashstack.memprog.target.StandaloneTarget;
import org.flashstack.memprog.transport.shm.SharedMemoryFile;

/**
 * The benchmark's target in a process of its own: {@code MemProgTargetProcess <file> <buffers>
 * <bufferSize>}, one zero-latency 16 MiB interface, RAM at 0x20000000 with PARAM first, until its
 * standard input ends.
 */
public final class MemProgTargetProcess {
  private MemProgTargetProcess() {}

  public static void main(String[] args) throws IOException {
    SharedMemoryFile ram = SharedMemoryFile.create(Path.of(args[0]), 0x2000_0000L, 4 << 20);
    MemProgLayout layout =
        MemProgLayout.packed(0x2000_0000L, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    ArrayRegion region = new ArrayRegion("array:bench", 16 << 20, 4096, false);
    StandaloneTarget target = StandaloneTarget.start("bench", ram, layout, List.of(region));
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // serves until the benchmark closes standard input
    }
    target.close();
    System.exit(0);
  }
}
