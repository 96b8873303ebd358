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

  /** What a command printed on each stream. */
  record Streams(int exit, String out, String err) {}

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

  /** Runs ./flashstack from {@code directory} with stdout and stderr kept apart. */
  private static Streams runIn(File directory, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(new File(TOP, "flashstack").getAbsolutePath());
    command.addAll(Arrays.asList(arguments));
    return execute(directory, command);
  }

  /** Runs one line of shell, as a user types it, in {@code directory}. */
  private static Streams shellIn(File directory, String line)
      throws IOException, InterruptedException {
    return execute(directory, List.of("bash", "-c", line));
  }

  private static Streams execute(File directory, List<String> command)
      throws IOException, InterruptedException {
    File out = File.createTempFile("flashstack-out", ".txt");
    File err = File.createTempFile("flashstack-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory)
            .redirectOutput(out)
            .redirectError(err)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("FLASHSTACK_INSTANCE", INSTANCE.getAbsolutePath());
    builder.environment().put("FLASHSTACK_SSH_PORT", sshPort);
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish");
    }
    Streams streams =
        new Streams(
            process.exitValue(),
            Files.readString(out.toPath(), StandardCharsets.UTF_8),
            Files.readString(err.toPath(), StandardCharsets.UTF_8));
    out.delete();
    err.delete();
    return streams;
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

  /**
   * The SCP framework's logging levels, per module (issue 9): log:set on one module's package
   * decides what that module writes to the log; WARN hides the shell's INFO line for a refused
   * command, INFO shows it, in the log file and in log:display.
   */
  @Test
  public void logSetGivesEachModuleItsOwnLevel() throws Exception {
    File logFile = new File(INSTANCE, "data/log/karaf.log");
    try {
      assertEquals(0, run("client", "log:set WARN org.flashstack.shell").exit());
      assertEquals(1, run("client", "flash:erase nor0 0x1231 4K").exit());
      assertEquals(0, run("client", "log:set INFO org.flashstack.shell").exit());
      assertEquals(1, run("client", "flash:erase nor0 0x1235 4K").exit());
      long deadline = System.currentTimeMillis() + 10_000;
      String log = Files.readString(logFile.toPath(), StandardCharsets.UTF_8);
      while (!log.contains("0x1235") && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
        log = Files.readString(logFile.toPath(), StandardCharsets.UTF_8);
      }
      assertTrue("an INFO level shows the shell's refusals", log.contains("0x1235"));
      assertFalse("a WARN level hid them", log.contains("0x1231"));
      Result display = run("client", "log:display");
      assertTrue(display.output(), display.output().contains("0x1235"));
    } finally {
      run("client", "log:set DEFAULT org.flashstack.shell");
    }
  }

  /** Issue 10: ./flashstack esp32part behaves like gen_esp32part.py, without Karaf. */
  @Test
  public void esp32partConvertsBothWaysRelativeToTheCallerAndRefusesWithStatusTwo()
      throws Exception {
    File here = Files.createTempDirectory(new File("target").toPath(), "esp32part").toFile();
    Files.writeString(
        new File(here, "partitions.csv").toPath(),
        "nvs,data,nvs,0x9000,0x6000,\nphy_init,data,phy,0xf000,0x1000,\n"
            + "factory,app,factory,0x10000,1M,\n");
    Streams binary = runIn(here, "esp32part", "partitions.csv", "partitions.bin");
    assertEquals(binary.err(), 0, binary.exit());
    assertEquals(0xc00, new File(here, "partitions.bin").length());
    Streams csv = runIn(here, "esp32part", "-q", "partitions.bin");
    assertEquals(csv.err(), 0, csv.exit());
    assertTrue(csv.out(), csv.out().contains("factory,app,factory,0x10000,1M,"));
    Files.writeString(new File(here, "bad.csv").toPath(), "nvs,data,nvs,0x9000\n");
    Streams refused = runIn(here, "esp32part", "bad.csv", "bad.bin");
    assertEquals(2, refused.exit());
    assertTrue(refused.err(), refused.err().contains("Error at line 1: Size field can't be empty"));
    assertFalse(new File(here, "bad.bin").exists());
  }

  /**
   * Issue 16: ./flashstack nvs generates and dumps NVS images as nvs_partition_gen.py, no Karaf.
   */
  @Test
  public void nvsGeneratesAndDumpsAnImageAndRefusesWithStatusTwo() throws Exception {
    File here = Files.createTempDirectory(new File("target").toPath(), "nvs").toFile();
    Files.writeString(new File(here, "blob.hex").toPath(), "c0ffee\n");
    Files.writeString(
        new File(here, "values.csv").toPath(),
        "key,type,encoding,value\nstorage,namespace,,\nboot_count,data,u32,7\n"
            + "hostname,data,string,flashstack-01\ncert,file,hex2bin,blob.hex\n");
    Streams generated = runIn(here, "nvs", "generate", "values.csv", "nvs.bin", "0x6000");
    assertEquals(generated.err(), 0, generated.exit());
    assertEquals(0x6000, new File(here, "nvs.bin").length());
    Streams dump = runIn(here, "nvs", "dump", "nvs.bin");
    assertEquals(dump.err(), 0, dump.exit());
    assertTrue(
        dump.out(),
        dump.out().contains("storage boot_count u32 7")
            && dump.out().contains("storage hostname string flashstack-01")
            && dump.out().contains("storage cert blob c0ffee"));
    Streams refused = runIn(here, "nvs", "generate", "values.csv", "small.bin", "0x2000");
    assertEquals(2, refused.exit());
    assertTrue(refused.err(), refused.err().contains("at least 0x3000"));
    assertFalse(new File(here, "small.bin").exists());
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
        unknown.output(),
        unknown.output().contains("no flash device named 'nor7'; known: flash0, flash1, nor0"));
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

  @Test
  public void relativePathsMeanTheCallersDirectory() throws Exception {
    File here = Files.createTempDirectory(INSTANCE.getParentFile().toPath(), "caller").toFile();
    Files.writeString(new File(here, "firmware.bin").toPath(), "relative to the caller");
    Streams written = runIn(here, "client", "flash:write --erase nor0 0x280000 firmware.bin");
    assertEquals(written.err(), 0, written.exit());
    Streams read = runIn(here, "client", "flash:read nor0 0x280000 22 --out back.bin");
    assertEquals(read.err(), 0, read.exit());
    assertEquals("relative to the caller", Files.readString(new File(here, "back.bin").toPath()));
  }

  @Test
  public void errorsGoToStderrWithoutColourAndOutputToStdout() throws Exception {
    Streams bad = runIn(TOP, "client", "flash:read nor0 zero 16");
    assertEquals(1, bad.exit());
    assertEquals("", bad.out());
    assertTrue(bad.err(), bad.err().contains("offset 'zero' is not a number"));
    assertFalse("no colour codes off a terminal: " + bad.err(), bad.err().contains("\u001b"));
    Streams good = runIn(TOP, "client", "flash:list --no-format");
    assertEquals(0, good.exit());
    assertEquals("", good.err());
    assertFalse(good.out().contains("\u001b"));
    for (String negative : new String[] {"-16", "-0x40000"}) {
      Streams refused = runIn(TOP, "client", "flash:read nor0 " + negative + " 16");
      assertTrue(refused.err(), refused.err().contains("offset must not be negative: " + negative));
    }
    Streams large = runIn(TOP, "client", "flash:read nor0 99999999999999999999 16");
    assertTrue(large.err(), large.err().contains("is too large"));
  }

  @Test
  public void outputFilesRefuseDirectoriesInWordsAndLeaveNothingPartial() throws Exception {
    File here = Files.createTempDirectory(INSTANCE.getParentFile().toPath(), "out").toFile();
    Files.createDirectory(new File(here, "empty").toPath());
    Streams onDirectory = runIn(here, "client", "flash:read --out empty nor0 0 16");
    assertEquals(1, onDirectory.exit());
    assertTrue(onDirectory.err(), onDirectory.err().contains("empty is a directory"));
    assertTrue("the directory is still a directory", new File(here, "empty").isDirectory());
    Streams missing = runIn(here, "client", "flash:read --out nowhere/x.bin nor0 0 16");
    assertTrue(
        missing.err(), missing.err().contains("the directory " + here + "/nowhere does not exist"));
    Streams tooLong = runIn(here, "client", "flash:read --out long.bin nor0 0x7ffff0 0x20");
    assertEquals(1, tooLong.exit());
    assertTrue(tooLong.err(), tooLong.err().contains("OUT_OF_RANGE"));
    String[] left = here.list((dir, name) -> !name.equals("empty"));
    assertEquals("no partial file left: " + Arrays.toString(left), 0, left.length);
    Streams directoryIn = runIn(here, "client", "flash:write nor0 0 empty");
    assertTrue(directoryIn.err(), directoryIn.err().contains("is a directory, not a file"));
    Streams missingIn = runIn(here, "client", "flash:write nor0 0 absent.bin");
    assertTrue(missingIn.err(), missingIn.err().contains("no such file: " + here + "/absent.bin"));
  }

  @Test
  public void aUserMistakeIsOneLogLineNotAStackTrace() throws Exception {
    File logFile = new File(INSTANCE, "data/log/karaf.log");
    long before = logFile.length();
    runIn(TOP, "client", "flash:erase nor0 0x100 256K");
    byte[] all = Files.readAllBytes(logFile.toPath());
    String log = new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
    assertTrue(log, log.contains("flash:erase refused: nor0: erase at 0x00000100: MISALIGNED"));
    assertFalse(
        "Karaf logs no ERROR with a stack trace for a user's mistake: " + log,
        log.contains("Exception caught while executing command") || log.contains("| ERROR |"));
  }

  @Test
  public void theReadmeRankingExampleMovesNothingElse() throws Exception {
    Streams ranked =
        runIn(
            TOP,
            "client",
            "config:edit org.flashstack.driver.cfi ; config:property-set service.ranking 100 ; config:update ; flash:queue --no-format");
    assertEquals(ranked.err(), 0, ranked.exit());
    assertTrue(ranked.out(), ranked.out().contains("nor0") && ranked.out().contains("cfi"));
    Streams reset = runIn(TOP, "client", "config:delete org.flashstack.driver.cfi");
    assertEquals(reset.err(), 0, reset.exit());
  }

  @Test
  public void aRefreshKeepsTheUsersDevicesAndSaysSo() throws Exception {
    assertEquals(0, run("stop").exit());
    File etc = new File(INSTANCE, "etc");
    Files.writeString(
        new File(etc, "org.flashstack.hw.cfi-nor5.cfg").toPath(),
        "device.name = nor5\nbankWidth = 2\ndeviceWidth = 1\nblockSize = 65536\nblockCount = 16\n");
    File nor0 = new File(etc, "org.flashstack.hw.cfi-nor0.cfg");
    Files.writeString(
        nor0.toPath(),
        Files.readString(nor0.toPath()).replace("deviceId = 0x16", "deviceId = 0x17"));
    File archive =
        new File(TOP, "karaf-assembly/target")
            .listFiles((dir, name) -> name.startsWith("flashstack-") && name.endsWith(".tar.gz"))[
            0];
    assertTrue(archive.setLastModified(System.currentTimeMillis() + 2000));
    Result restarted = run("start");
    assertEquals(restarted.output(), 0, restarted.exit());
    assertTrue(
        restarted.output(),
        restarted.output().contains("kept etc/org.flashstack.hw.cfi-nor5.cfg (you added it)")
            && restarted
                .output()
                .contains("kept etc/org.flashstack.hw.cfi-nor0.cfg (you changed it)")
            && restarted.output().contains("instance refreshed"));
    long deadline = System.currentTimeMillis() + 60_000;
    Result list;
    do {
      list = run("client", "flash:list --no-format");
    } while (!list.output().contains("nor5") && System.currentTimeMillis() < deadline);
    assertTrue(list.output(), list.output().contains("nor5"));
    assertTrue(list.output(), list.output().contains("0x0017"));
    assertTrue("the log was kept", new File(INSTANCE, "data/log/karaf.log").length() > 0);
  }

  /** The fenced block that follows the first line of the README containing {@code marker}. */
  private static String readmeBlock(String marker) throws IOException {
    List<String> lines = Files.readAllLines(new File(TOP, "README.md").toPath());
    int at = 0;
    while (!lines.get(at).contains(marker)) {
      at++;
    }
    while (!lines.get(at).startsWith("```")) {
      at++;
    }
    StringBuilder block = new StringBuilder();
    for (at++; !lines.get(at).startsWith("```"); at++) {
      block.append(lines.get(at)).append('\n');
    }
    return block.toString();
  }

  @Test
  public void theReadmeExamplesWorkAsWritten() throws Exception {
    File etc = new File(INSTANCE, "etc");
    Files.writeString(
        new File(etc, "org.flashstack.hw.cfi-nor1.cfg").toPath(),
        readmeBlock("etc/org.flashstack.hw.cfi-nor1.cfg"));
    long deadline = System.currentTimeMillis() + 60_000;
    Result list;
    do {
      Thread.sleep(200);
      list = run("client", "flash:list --no-format");
    } while (!list.output().contains("nor1") && System.currentTimeMillis() < deadline);
    assertTrue(
        "the README's nor1, copied literally, comes up: " + list.output(),
        list.output().contains("64 x 128 KiB") && list.output().contains("2 x8 on a 16-bit bus"));

    File here = Files.createTempDirectory(INSTANCE.getParentFile().toPath(), "readme").toFile();
    Files.write(
        new File(here, "firmware.bin").toPath(),
        "README firmware".getBytes(StandardCharsets.UTF_8));
    Files.createSymbolicLink(
        new File(here, "flashstack").toPath(), new File(TOP, "flashstack").toPath());
    for (String line : readmeBlock("Running commands non-interactively").split("\n")) {
      if (!line.startsWith("./flashstack client")) {
        continue;
      }
      Streams result = shellIn(here, line);
      assertEquals(line + ": " + result.err(), 0, result.exit());
      if (line.contains("flash:read")) {
        assertTrue(result.out(), result.out().contains("|README firmware"));
      }
    }
    Files.writeString(
        new File(here, "query.trace").toPath(), readmeBlock("A trace is a text file"));
    Streams replay = shellIn(here, "./flashstack client \"mmio:replay nor0 query.trace\"");
    assertEquals(replay.err(), 0, replay.exit());
    assertTrue(
        replay.out(), replay.out().contains("4 of 4 operations replayed on nor0, 0 mismatch(es)"));

    String direct =
        readmeBlock("is Karaf's own client")
            .trim()
            .replace("run/flashstack", INSTANCE.getAbsolutePath())
            .replace(
                "run/credentials",
                new File(INSTANCE.getParentFile(), "credentials").getAbsolutePath())
            .replace("-a 8101", "-a " + sshPort);
    Streams client = shellIn(here, direct);
    assertEquals(client.err(), 0, client.exit());
    assertTrue(client.out(), client.out().contains("nor0"));
  }
}
