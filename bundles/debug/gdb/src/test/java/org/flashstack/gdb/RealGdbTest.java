package org.flashstack.gdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
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

  @Test
  void gdbRestoresAndDumpsAFileInLargePackets() throws Exception {
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(haveGdb(), "gdb is not installed here (.ci/run installs it in CI)");
    }
    SimulatedRam ram = new SimulatedRam("jvm:gdb", 0x2000_0000L, 1 << 20);
    byte[] image = new byte[300_000];
    new Random(5).nextBytes(image);
    Path in = Files.createTempFile("gdb-restore", ".bin");
    Path out = Files.createTempFile("gdb-dump", ".bin");
    try (GdbServer server =
        GdbServer.start("ram", ram, InetAddress.getLoopbackAddress(), 0, threads)) {
      Files.write(in, image);
      long before = server.packets();
      String said =
          gdb(
              server.port(),
              "restore " + in + " binary 0x20000100",
              "dump binary memory " + out + " 0x20000100 " + (0x2000_0100L + image.length),
              "detach");
      byte[] landed = new byte[image.length];
      ram.read(0x2000_0100L, landed, 0, landed.length);
      assertArrayEquals(image, landed, said);
      assertArrayEquals(image, Files.readAllBytes(out), said);
      // 300 kB each way in packets of up to 128 KiB: a few dozen, not thousands
      assertTrue(server.packets() - before < 100, "packets: " + (server.packets() - before));
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
    }
  }
}
