package org.flashstack.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.flashstack.memprog.transport.jvm.SimulatedRam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real gdb (Debian's package; .ci/run installs it) against the server: it connects in batch
 * mode, reads target memory and writes it.
 */
class RealGdbTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  static boolean haveGdb() {
    try {
      Process p = new ProcessBuilder("gdb", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static String gdb(int port, String... commands) throws Exception {
    List<String> line =
        new java.util.ArrayList<>(
            List.of(
                "gdb",
                "-batch",
                "-nx",
                "-ex",
                "set confirm off",
                "-ex",
                "target remote 127.0.0.1:" + port));
    for (String c : commands) {
      line.add("-ex");
      line.add(c);
    }
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gdb did not end");
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void gdbReadsAndWritesTargetMemory() throws Exception {
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(haveGdb(), "gdb is not installed here (.ci/run installs it in CI)");
    }
    SimulatedRam ram = new SimulatedRam("jvm:gdb", 0x2000_0000L, 64 << 10);
    ram.write32(0x2000_0000L, 0xdeadbeefL);
    ram.write32(0x2000_0004L, 0x01020304L);
    try (GdbServer server =
        GdbServer.start("ram", ram, InetAddress.getLoopbackAddress(), 0, threads)) {
      String out =
          gdb(
              server.port(),
              "x/2xw 0x20000000",
              "set {unsigned int}0x20000010 = 0x12345678",
              "set {unsigned char}0x20000020 = 0x5a",
              "x/1xw 0x20000010",
              "detach");
      assertTrue(out.contains("0xdeadbeef\t0x01020304"), out);
      assertTrue(out.contains("0x12345678"), out);
      assertEquals(0x1234_5678L, ram.read32(0x2000_0010L));
      assertEquals(0x5a, ram.read8(0x2000_0020L));
      String outside = gdb(server.port(), "x/1xw 0x10000000");
      assertTrue(outside.contains("Cannot access memory at address 0x10000000"), outside);
    }
  }
}
