package org.flashstack.memprog.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flashstack.memprog.image.FirmwareImage;
import org.flashstack.memprog.image.Segment;
import org.flashstack.memprog.protocol.MemProgCrc;
import org.flashstack.memprog.transport.shm.ShmLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java target in a second JVM, the Java host here, their RAM a shared file. */
class SharedMemoryTwoProcessTest {

  @Test
  void aHostProgramsATargetInAnotherProcessThroughASharedFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("target.ram");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process target =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ShmTargetMain.class.getName(),
                file.toString(),
                "0x20000000",
                "0x20000100",
                "3")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.equals("ready")) {
        // the target's log lines
      }
      assertEquals("ready", line, "the target process did not come up");
      List<byte[]> images = new ArrayList<>();
      try (MemProgHost host =
          MemProgHost.connect(
              ShmLocation.parse(file + "?base=0x20000000&param=0x20000100").open(),
              HostSettings.DEFAULTS)) {
        assertEquals(3, host.interfaces().size());
        assertEquals("array:2", host.iface(2).description());
        MemProgProgrammer programmer = new MemProgProgrammer(host);
        ExecutorService users = Executors.newFixedThreadPool(3);
        List<Future<ProgramReport>> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          byte[] image = new byte[1_500_000 + i * 1000];
          new Random(i).nextBytes(image);
          images.add(image);
          int iface = i;
          jobs.add(
              users.submit(
                  () ->
                      programmer.program(
                          iface,
                          FirmwareImage.of(List.of(new Segment(0x1000, image))),
                          ProgramOptions.DEFAULTS.with(true, false),
                          ProgressListener.NONE)));
        }
        for (Future<ProgramReport> job : jobs) {
          assertTrue(job.get(60, TimeUnit.SECONDS).bytesWritten() >= 1_500_000);
        }
        users.shutdown();
        assertEquals(MemProgCrc.of(images.get(1)), programmer.crc(1, 0x1000, images.get(1).length));
      }
      target.getOutputStream().close();
      assertTrue(target.waitFor(30, TimeUnit.SECONDS), "the target process did not end");
      for (int i = 0; i < 3; i++) {
        byte[] cells = Files.readAllBytes(Path.of(file + "." + i));
        assertArrayEquals(
            images.get(i), Arrays.copyOfRange(cells, 0x1000, 0x1000 + images.get(i).length));
      }
    } finally {
      target.destroyForcibly();
    }
  }
}
