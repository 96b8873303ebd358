package org.flashstack.driver.cfi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Durability (issue 14): a process programming a file-backed CFI bank through the driver is killed
 * with SIGKILL in the middle of its writes; every chunk the driver had reported done is then in the
 * image file, under either sync policy.
 */
class KillDuringWritesTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"write-through, 300", "write-through, 1500", "force, 200"})
  void everyAcknowledgedWriteSurvivesAKill9(String sync, int killAfter) throws Exception {
    Path image = dir.resolve("nor0-" + sync + "-" + killAfter + ".img");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process writer =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityWriter.class.getName(),
                image.toString(),
                sync)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    int acknowledged = -1;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("ack ")) {
          acknowledged = Integer.parseInt(line.substring(4));
          if (acknowledged >= killAfter) {
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
            break;
          }
        }
      }
    } finally {
      writer.destroyForcibly();
      assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "the writer did not die");
    }
    assertTrue(acknowledged >= killAfter, "the writer acknowledged only " + acknowledged);
    byte[] cells = Files.readAllBytes(image);
    for (int n = 0; n <= acknowledged; n++) {
      int at = n * DurabilityWriter.CHUNK;
      assertArrayEquals(
          DurabilityWriter.pattern(n),
          Arrays.copyOfRange(cells, at, at + DurabilityWriter.CHUNK),
          "acknowledged chunk " + n + " of " + acknowledged);
    }
  }
}
