package org.flashstack.memprog.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.target.ArrayRegion;
import org.flashstack.memprog.target.StandaloneTarget;
import org.flashstack.memprog.transport.shm.SharedMemoryFile;

/**
 * A FlashStack target in a process of its own, its RAM a shared file: {@code ShmTargetMain <file>
 * <base> <param> <interfaces>}. Prints "ready" once it serves; when its standard input ends it
 * writes each region's cells to {@code <file>.<n>} and exits.
 */
public final class ShmTargetMain {
  private ShmTargetMain() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    long base = Long.decode(args[1]);
    long param = Long.decode(args[2]);
    int count = Integer.parseInt(args[3]);
    SharedMemoryFile ram = SharedMemoryFile.create(file, base, 1 << 20);
    List<ArrayRegion> regions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      regions.add(new ArrayRegion("array:" + i, 4 << 20, 4096, false));
    }
    StandaloneTarget target =
        StandaloneTarget.start(
            "shm-target", ram, MemProgLayout.packed(param, 8, 16 << 10), regions);
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // runs until the parent closes standard input
    }
    target.close();
    for (int i = 0; i < count; i++) {
      Files.write(Path.of(args[0] + "." + i), regions.get(i).cells());
    }
    System.exit(0);
  }
}
