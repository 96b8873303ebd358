package org.flashstack.gdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client against a gdbserver nobody here wrote: Debian's {@code gdbserver} (.ci/run installs
 * it) holding a stopped {@code sleep} process. The client reads the program's ELF header where the
 * process's memory map says it is loaded, writes and reads back escaped binary data on its stack,
 * and gets a clear error for an address nothing is mapped at; pipelined or not.
 */
class RealGdbServerTest {

  private static final Pattern PID = Pattern.compile("pid = (\\d+)");

  private Process gdbserver;
  private int port;
  private long pid;

  static boolean haveGdbserver() {
    try {
      Process p = new ProcessBuilder("gdbserver", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @BeforeEach
  void startGdbserver() throws Exception {
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(
          haveGdbserver(), "gdbserver is not installed here (.ci/run installs it in CI)");
    }
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    gdbserver =
        new ProcessBuilder("gdbserver", "--once", "127.0.0.1:" + port, "sleep", "120")
            .redirectErrorStream(true)
            .start();
    BufferedReader said =
        new BufferedReader(
            new InputStreamReader(gdbserver.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder log = new StringBuilder();
    for (String line = said.readLine(); line != null; line = said.readLine()) {
      log.append(line).append('\n');
      Matcher m = PID.matcher(line);
      if (m.find()) {
        pid = Long.parseLong(m.group(1));
      }
      if (line.startsWith("Listening on port")) {
        break;
      }
    }
    assertTrue(pid > 0 && log.toString().contains("Listening on port"), log.toString());
  }

  @AfterEach
  void stopGdbserver() throws InterruptedException {
    if (gdbserver != null) {
      gdbserver.destroyForcibly();
      gdbserver.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * @return the start of the first mapping in /proc/pid/maps whose line ends with {@code what}
   */
  private long mapping(String what) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
      if (line.trim().endsWith(what)) {
        return Long.parseUnsignedLong(line.substring(0, line.indexOf('-')), 16);
      }
    }
    throw new AssertionError("no mapping of " + what + " in the inferior");
  }

  private long program() throws IOException {
    String exe = Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).toString();
    return mapping(exe);
  }

  @ParameterizedTest
  @EnumSource(
      value = GdbRemoteMemory.Pipelining.class,
      names = {"AUTO", "ON"})
  void theClientReadsAndWritesAProcessThroughGdbserver(GdbRemoteMemory.Pipelining pipelining)
      throws IOException {
    try (GdbRemoteMemory memory =
        GdbRemoteMemory.connect("127.0.0.1", port, Duration.ofSeconds(10), pipelining)) {
      // gdbserver does not offer FlashStack's pipelining; asked to, the client pipelines anyway
      assertEquals(pipelining == GdbRemoteMemory.Pipelining.ON, memory.isPipelined());
      assertTrue(memory.packetSize() > 1000, "packet size " + memory.packetSize());
      byte[] magic = new byte[4];
      memory.read(program(), magic, 0, 4);
      assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, magic);

      // the lowest page of the stack is mapped and unused
      long stack = mapping("[stack]");
      byte[] data = new byte[3 * memory.packetSize()];
      new Random(4).nextBytes(data);
      data[0] = '#';
      data[1] = '$';
      data[2] = '}';
      data[3] = '*';
      memory.write(stack, data, 0, data.length);
      byte[] back = new byte[data.length];
      memory.read(stack, back, 0, back.length);
      assertArrayEquals(data, back);

      IndexOutOfBoundsException nothingThere =
          assertThrows(IndexOutOfBoundsException.class, () -> memory.read8(0x10));
      assertTrue(
          nothingThere.getMessage().contains("refused the access at 0x00000010"),
          nothingThere.getMessage());
      assertEquals(0x7f, memory.read8(program()), "the link goes on after the error");
    }
  }
}
