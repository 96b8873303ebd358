package org.flashstack.itests;

import static org.junit.Assert.*;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The README's commands on the real distribution, as a user runs them: {@code ./flashstack start},
 * {@code ./flashstack client ...} (Karaf's bin/client fed from /dev/zero) and {@code ./flashstack
 * stop}, on an instance of its own under target/ with a free SSH port.
 */
public class LauncherIT {

  private static final File TOP = new File(System.getProperty("user.dir")).getParentFile();
  private static final File INSTANCE =
      new File(System.getProperty("flashstack.workDir", "target"), "launcher/flashstack");
  private static String sshPort;

  record Result(int exit, String output) {}

  @BeforeClass
  public static void start() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      sshPort = String.valueOf(socket.getLocalPort());
    }
    Result started = run("start");
    assertEquals(started.output(), 0, started.exit());
  }

  @AfterClass
  public static void stop() throws Exception {
    run("stop");
  }

  private static Result run(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(new File(TOP, "flashstack").getAbsolutePath());
    command.addAll(Arrays.asList(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(TOP).redirectErrorStream(true);
    builder.environment().put("FLASHSTACK_INSTANCE", INSTANCE.getAbsolutePath());
    builder.environment().put("FLASHSTACK_SSH_PORT", sshPort);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("./flashstack " + String.join(" ", arguments) + " did not finish");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  @Test
  public void clientRunsOneCommandAndExitsZero() throws Exception {
    Result list = run("client", "flash:list", "--no-format");
    assertEquals(list.output(), 0, list.exit());
    assertTrue(
        list.output(),
        list.output().contains("nor0") && list.output().contains("Intel/Sharp Extended"));
  }

  @Test
  public void failingCommandExitsOneWithItsMessage() throws Exception {
    Result misaligned = run("client", "flash:erase nor0 1 2");
    assertEquals(misaligned.output(), 1, misaligned.exit());
    assertTrue(misaligned.output(), misaligned.output().contains("MISALIGNED"));
    Result unknown = run("client", "flash:info nor7");
    assertEquals(unknown.output(), 1, unknown.exit());
    assertTrue(
        unknown.output(), unknown.output().contains("no flash device named 'nor7'; known: nor0"));
  }

  @Test
  public void writesSurviveAStopAndStartOfTheInstance() throws Exception {
    File payload = new File(INSTANCE.getParentFile(), "payload.bin");
    Files.writeString(payload.toPath(), "survives a restart");
    Result written =
        run("client", "flash:write --erase nor0 0x200000 " + payload.getAbsolutePath());
    assertEquals(written.output(), 0, written.exit());
    assertTrue(
        written.output(),
        written.output().contains("18 bytes") && written.output().contains("verified"));
    assertEquals(0, run("stop").exit());
    assertEquals(3, run("status").exit());
    Result restarted = run("start");
    assertEquals(restarted.output(), 0, restarted.exit());
    Result dump = run("client", "flash:read nor0 0x200000 18");
    assertTrue(
        dump.output(),
        dump.output().contains("|survives a resta|") && dump.output().contains("|rt|"));
    assertTrue(new File(INSTANCE, "flash/nor0.img").isFile());
  }
}
