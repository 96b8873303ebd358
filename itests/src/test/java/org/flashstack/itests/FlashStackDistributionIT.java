package org.flashstack.itests;

import static org.junit.Assert.*;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.api.spi.SpiTarget;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The assembled product with its default board: nor0 is there, the shell drives it, errors fail.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FlashStackDistributionIT extends FlashStackTestSupport {

  @Configuration
  public Option[] configuration() {
    return distribution(new File(runDirectory(), "distribution-nor0.img"));
  }

  @Test
  public void defaultBoardProvidesNor0ThroughTheCfiDriver() throws Exception {
    Flash flash = flash("nor0");
    assertEquals(8L << 20, flash.geometry().size());
    assertEquals(32, flash.geometry().blockCount());
    assertEquals(256 * 1024, flash.geometry().regions().get(0).blockSize());
    assertEquals(0x89, flash.identity().manufacturerId());
    assertEquals(0x16, flash.identity().deviceId());
    ServiceReference<Flash> reference =
        bundleContext.getServiceReferences(Flash.class, "(device.name=nor0)").iterator().next();
    assertEquals("cfi", reference.getProperty(DeviceProperties.DRIVER_NAME));
    assertEquals(
        1,
        bundleContext
            .getServiceReferences(
                MmioDevice.class, "(&(device.name=nor0)(device.compatible=cfi-flash))")
            .size());
    assertEquals(
        "driver cfi",
        bundleContext
            .getService(
                bundleContext
                    .getServiceReferences(MmioDevice.class, "(device.name=nor0)")
                    .iterator()
                    .next())
            .holder()
            .orElseThrow());
  }

  @Test
  public void flashServiceRefusesBadRequestsWithSpecificErrors() throws Exception {
    Flash flash = flash("nor0");
    FlashException misaligned =
        assertThrows(FlashException.class, () -> flash.erase(1, 256 * 1024));
    assertEquals(FlashError.MISALIGNED, misaligned.error());
    FlashException outside =
        assertThrows(FlashException.class, () -> flash.program(8L << 20, new byte[1], 0, 1));
    assertEquals(FlashError.OUT_OF_RANGE, outside.error());
  }

  @Test
  public void shellListsInfoAndQuery() throws Exception {
    flash("nor0");
    String list = execute("flash:list --no-format");
    assertTrue(list, list.contains("nor0") && list.contains("cfi") && list.contains("8 MiB"));
    String info = execute("flash:info nor0");
    assertTrue(info, info.contains("0x89 (Intel)") && info.contains("32"));
    String query = execute("cfi:query nor0");
    assertTrue(
        query,
        query.contains("Intel/Sharp Extended")
            && query.contains("2 x16 device(s) on a 32-bit bus"));
  }

  @Test
  public void deviceNamesCompleteWithTab() throws Exception {
    flash("nor0");
    Session session = sessionFactory.create(System.in, System.out, System.err);
    try {
      List<Completer> completers =
          session.getRegistry().getServices(Completer.class).stream()
              .filter(c -> c.getClass().getName().endsWith("DeviceCompleter"))
              .collect(Collectors.toList());
      List<String> kinds =
          completers.stream().map(c -> c.getClass().getSimpleName()).sorted().toList();
      assertTrue(
          kinds.toString(),
          kinds.containsAll(
              List.of("FlashDeviceCompleter", "MediaDeviceCompleter", "MmioDeviceCompleter")));
      for (Completer completer : completers) {
        List<String> candidates = new ArrayList<>();
        completer.complete(session, new TypedWord("flash:info", "n"), candidates);
        assertTrue(
            completer + " offers " + candidates,
            candidates.stream().anyMatch(c -> c.trim().equals("nor0")));
      }
    } finally {
      session.close();
    }
  }

  @Test
  public void fileArgumentsCompleteWhereTheUserIs() throws Exception {
    flash("nor0");
    File here = new File(runDirectory(), "completion");
    here.mkdirs();
    Files.write(new File(here, "firmware-image.bin").toPath(), new byte[] {1});
    Session session = sessionFactory.create(System.in, System.out, System.err);
    try {
      session.put("FLASHSTACK_CWD", here.getAbsolutePath());
      Completer files =
          session.getRegistry().getServices(Completer.class).stream()
              .filter(c -> c.getClass().getSimpleName().equals("UserFileCompleter"))
              .findFirst()
              .orElseThrow();
      List<String> candidates = new ArrayList<>();
      files.complete(session, new TypedWord("flash:write", "firm"), candidates);
      assertEquals(List.of("firmware-image.bin"), candidates);
      Completer offsets =
          session.getRegistry().getServices(Completer.class).stream()
              .filter(c -> c.getClass().getSimpleName().equals("BlockBoundaryCompleter"))
              .findFirst()
              .orElseThrow();
      List<String> typed = new ArrayList<>();
      offsets.complete(session, new TypedWord("flash:write", "64K"), typed);
      assertTrue(
          "a typed number passes Karaf's check of earlier arguments: " + typed,
          typed.stream().map(String::trim).anyMatch("64K"::equals));
    } finally {
      session.close();
    }
  }

  /** The command line of someone who typed {@code command word} and pressed TAB. */
  private record TypedWord(String command, String word) implements CommandLine {
    @Override
    public int getCursorArgumentIndex() {
      return 1;
    }

    @Override
    public String getCursorArgument() {
      return word;
    }

    @Override
    public int getArgumentPosition() {
      return word.length();
    }

    @Override
    public String[] getArguments() {
      return new String[] {command, word};
    }

    @Override
    public int getBufferPosition() {
      return getBuffer().length();
    }

    @Override
    public String getBuffer() {
      return command + " " + word;
    }
  }

  @Test
  public void anAmdDeviceOnTheDefaultBoardRoundTripsThroughTheShell() throws Exception {
    Flash flash = flash("nor2");
    assertEquals(2L << 20, flash.geometry().size());
    assertEquals(35, flash.geometry().blockCount());
    assertEquals(16L << 10, flash.geometry().blockSizeAt(0));
    assertEquals(8L << 10, flash.geometry().blockSizeAt(0x4000));
    String info = execute("flash:info nor2");
    assertTrue(info, info.contains("0x2249") || info.contains("2249"));
    String query = execute("cfi:query nor2");
    assertTrue(
        query,
        query.contains("0x0002")
            && query.contains("1 x16 device(s) on a 16-bit bus")
            && query.matches("(?s).*PRI version +1\\.0.*")
            && query.contains("Am29LV800 mode"));
    String parts = execute("cfi:parts --no-format");
    assertTrue(
        parts,
        parts.contains("S29GL01GS")
            && parts.contains("AM29LV160DT")
            && parts.contains("28F320C3B")
            && parts.contains("PPB/DYB")
            && parts.contains("lock-down"));
    byte[] data = "AMD command set through the Karaf shell".getBytes();
    File file = new File(runDirectory(), "amd-roundtrip.bin");
    Files.write(file.toPath(), data);
    execute("flash:erase nor2 0x4000 0x2000");
    String written = execute("flash:write nor2 0x4010 " + file.getAbsolutePath());
    assertTrue(written, written.contains(data.length + " bytes") && written.contains("verified"));
    File out = new File(runDirectory(), "amd-readback.bin");
    execute("flash:read --out " + out.getAbsolutePath() + " nor2 0x4010 " + data.length);
    assertArrayEquals(data, Files.readAllBytes(out.toPath()));
    assertFails("flash:erase nor2 0x4000 0x3000", "must cover whole blocks");
    execute("flash:erase nor2 0x4000 0x2000");
    byte[] erased = new byte[data.length];
    flash.read(0x4010, erased, 0, erased.length);
    for (byte b : erased) {
      assertEquals((byte) 0xff, b);
    }
  }

  @Test
  public void shellWriteReadRoundTripAndErase() throws Exception {
    flash("nor0");
    byte[] data = "FlashStack round trip through the Karaf shell".getBytes();
    File file = new File(runDirectory(), "roundtrip.bin");
    Files.write(file.toPath(), data);
    execute("flash:erase nor0 0x40000 0x40000");
    String written = execute("flash:write nor0 0x40010 " + file.getAbsolutePath());
    assertTrue(written, written.contains(data.length + " bytes") && written.contains("verified"));
    String dump = execute("flash:read nor0 0x40010 16");
    assertTrue(dump, dump.contains("00040010") && dump.contains("46 6c 61 73 68 53 74 61"));
    File out = new File(runDirectory(), "readback.bin");
    execute("flash:read --out " + out.getAbsolutePath() + " nor0 0x40010 " + data.length);
    assertArrayEquals(data, Files.readAllBytes(out.toPath()));
    File trailing = new File(runDirectory(), "readback-trailing.bin");
    execute("flash:read nor0 0x40010 " + data.length + " --out " + trailing.getAbsolutePath());
    assertArrayEquals(
        "--out may follow the arguments", data, Files.readAllBytes(trailing.toPath()));
    assertFails("flash:read nor0 0x40010 16 --force", "usage: flash:read [--out file]");
    execute("flash:erase nor0 0x40000 256K");
    String stats = execute("media:stats --no-format nor0");
    assertTrue(stats, stats.contains("nor0.img"));
    assertTrue(
        "block 1 was erased twice: " + stats,
        java.util.regex.Pattern.compile("(?m)^1\\s+0x00040000\\s+2\\s*$").matcher(stats).find());
    byte[] back = new byte[data.length];
    flash("nor0").read(0x40010, back, 0, back.length);
    byte[] erased = new byte[data.length];
    Arrays.fill(erased, (byte) 0xff);
    assertArrayEquals(erased, back);
  }

  @Test
  public void shellErrorsFailTheCommandAndChangeNothing() throws Exception {
    Flash flash = flash("nor0");
    byte[] before = new byte[512 * 1024];
    flash.read(0, before, 0, before.length);
    assertFails("flash:erase nor0 0x100 0x40000", "MISALIGNED");
    assertFails("flash:read nor0 0x7ffff0 0x20", "OUT_OF_RANGE");
    assertFails("flash:info nor9", "no flash device named 'nor9'");
    assertFails("flash:read nor0 zero 16", "is not a number");
    byte[] after = new byte[before.length];
    flash.read(0, after, 0, after.length);
    assertArrayEquals(before, after);
  }

  @Test
  public void writeOverCellsThatAreNotErasedFailsVerifyUnlessErasing() throws Exception {
    flash("nor0");
    File zeros = new File(runDirectory(), "zeros.bin");
    File ones = new File(runDirectory(), "ones.bin");
    Files.write(zeros.toPath(), new byte[8]);
    Files.write(ones.toPath(), "ABCDEFGH".getBytes());
    execute("flash:erase nor0 0xc0000 256K");
    execute("flash:write nor0 0xc0004 " + zeros.getAbsolutePath());
    assertFails(
        "flash:write nor0 0xc0004 " + ones.getAbsolutePath(), "verify failed at 0x000c0004");
    String erased = execute("flash:write nor0 0xc0004 " + ones.getAbsolutePath() + " --erase");
    assertTrue(erased, erased.contains("256 KiB erased first, verified"));
    byte[] back = new byte[8];
    flash("nor0").read(0xc0004, back, 0, back.length);
    assertArrayEquals("ABCDEFGH".getBytes(), back);
  }

  @Test
  public void replayPrintsEveryResponseAndFailsOnMismatch() throws Exception {
    flash("nor0");
    File trace = new File(runDirectory(), "query.trace");
    Files.writeString(
        trace.toPath(),
        String.join(
            "\n",
            "# enter CFI query mode on both x16 devices and check 'QRY'",
            "W 0x154 4 0x00980098",
            "R 0x40 4 0x00510051",
            "R 0x44 4 0x00520052",
            "R 0x48 4 0x00590059",
            "W 0x0 4 0x00ff00ff",
            ""));
    String output = execute("mmio:replay nor0 " + trace.getAbsolutePath());
    assertTrue(
        output,
        output.contains("0x00510051")
            && output.contains("5 of 5 operations replayed on nor0, 0 mismatch(es)"));
    Files.writeString(
        trace.toPath(), "W 0x154 4 0x00980098\nR 0x40 4 0x12345678\nW 0x0 4 0x00ff00ff\n");
    assertFails("mmio:replay nor0 " + trace.getAbsolutePath(), "1 mismatch(es)");
    assertEquals(
        "the driver is back after the replay", "driver cfi", mmio("nor0").holder().orElseThrow());
  }

  @Test
  public void aSecondDeviceIsOneMoreFactoryConfiguration() throws Exception {
    flash("nor0");
    ServiceReference<ConfigurationAdmin> reference =
        bundleContext.getServiceReference(ConfigurationAdmin.class);
    ConfigurationAdmin configurationAdmin = bundleContext.getService(reference);
    org.osgi.service.cm.Configuration nor1 =
        configurationAdmin.getFactoryConfiguration("org.flashstack.hw.cfi", "nor1", "?");
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put("device.name", "nor1");
    properties.put("bankWidth", 2);
    properties.put("deviceWidth", 1);
    properties.put("blockSize", 65536L);
    properties.put("blockCount", 16);
    properties.put("deviceId", "0x18");
    nor1.update(properties);
    try {
      Flash flash = flash("nor1");
      assertEquals(1L << 20, flash.geometry().size());
      assertEquals(0x18, flash.identity().deviceId());
      String query = execute("cfi:query nor1");
      assertTrue(query, query.contains("2 x8 device(s) on a 16-bit bus"));
      String list = execute("flash:list --no-format");
      assertTrue("sorted by name: " + list, list.indexOf("nor0") < list.indexOf("nor1"));
      String stats = execute("media:stats nor1");
      assertTrue(stats, stats.contains("No sector erased since the media was opened"));
      byte[] data = {1, 2, 3};
      flash.program(0x10001, data, 0, data.length);
      byte[] back = new byte[3];
      flash.read(0x10001, back, 0, 3);
      assertArrayEquals(data, back);
    } finally {
      nor1.delete();
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (!bundleContext.getServiceReferences(Flash.class, "(device.name=nor1)").isEmpty()) {
      assertTrue(
          "nor1's Flash service left with its configuration",
          System.currentTimeMillis() < deadline);
      Thread.sleep(100);
    }
    assertEquals(8L << 20, flash("nor0").geometry().size());
  }

  @Test
  public void aDeviceWhoseConfigurationIsInvalidIsShownWithItsReason() throws Exception {
    flash("nor0");
    ConfigurationAdmin configurationAdmin =
        bundleContext.getService(bundleContext.getServiceReference(ConfigurationAdmin.class));
    org.osgi.service.cm.Configuration bad =
        configurationAdmin.getFactoryConfiguration("org.flashstack.hw.cfi", "nor3", "?");
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put("device.name", "nor3");
    properties.put("bankWidth", "2          # bus width in bytes: 1, 2 or 4");
    bad.update(properties);
    try {
      String problems = "";
      long deadline = System.currentTimeMillis() + 30_000;
      while (!problems.contains("nor3") && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
        problems = execute("flash:problems --no-format");
      }
      assertTrue(
          problems,
          problems.contains(
              "nor3: bankWidth = '2          # bus width in bytes: 1, 2 or 4' is not a whole number"
                  + " (a .cfg file takes comments only on lines of their own)"));
      String list = execute("flash:list --no-format");
      assertTrue(list, list.contains("not up: nor3: bankWidth = "));
    } finally {
      bad.delete();
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (execute("flash:problems").contains("nor3")) {
      assertTrue(
          "nor3 left flash:problems with its configuration", System.currentTimeMillis() < deadline);
      Thread.sleep(100);
    }
    assertTrue(execute("flash:problems").contains("Every configured device is up"));
  }

  @Test
  public void karafsOwnFeaturesBootInAStageBeforeFlashStacks() throws Exception {
    java.util.Properties features = new java.util.Properties();
    try (java.io.Reader in =
        java.nio.file.Files.newBufferedReader(
            java.nio.file.Path.of(
                System.getProperty("karaf.etc"), "org.apache.karaf.features.cfg"))) {
      features.load(in);
    }
    String boot = features.getProperty("featuresBoot").replaceAll("\\s", "");
    int stageEnd = boot.indexOf(')');
    assertTrue(boot, boot.startsWith("(") && stageEnd > 0);
    assertTrue(boot, boot.substring(0, stageEnd).contains("scr"));
    assertFalse(boot, boot.substring(0, stageEnd).contains("flashstack"));
    assertTrue(boot, boot.substring(stageEnd).contains("flashstack"));
    assertTrue(
        "the boot is done and FlashStack is installed",
        execute("feature:list -i --no-format").contains("flashstack"));
  }

  @Test
  public void everyFlashStackBundleRestartsCleanlyAndTheDataStays() throws Exception {
    Flash flash = flash("nor0");
    flash.erase(0x700000, 256 * 1024);
    byte[] marker = "kept across bundle restarts".getBytes();
    flash.program(0x700000, marker, 0, marker.length);
    for (String name :
        new String[] {
          "org.flashstack.clock",
          "org.flashstack.hw.media",
          "org.flashstack.hw.cfi",
          "org.flashstack.driver.cfi",
          "org.flashstack.virtualizer",
          "org.flashstack.shell"
        }) {
      Bundle bundle =
          Arrays.stream(bundleContext.getBundles())
              .filter(b -> b.getSymbolicName().equals(name))
              .findFirst()
              .orElseThrow();
      for (int i = 0; i < 3; i++) {
        bundle.stop();
        if (name.equals("org.flashstack.driver.cfi")) {
          ServiceReference<Flash> stays =
              bundleContext
                  .getServiceReferences(Flash.class, "(device.name=nor0)")
                  .iterator()
                  .next();
          assertEquals(
              "the driver left: nor0's Flash stays, served by nobody",
              "none",
              stays.getProperty(DeviceProperties.DRIVER_NAME));
        } else if (!name.equals("org.flashstack.shell")) {
          assertTrue(
              name + " stopped: nor0 is gone",
              bundleContext.getServiceReferences(Flash.class, "(device.name=nor0)").isEmpty());
        }
        bundle.start();
        byte[] back = new byte[marker.length];
        flash("nor0").read(0x700000, back, 0, back.length);
        assertArrayEquals(name + " restarted " + (i + 1) + " time(s)", marker, back);
      }
    }
    String list = execute("flash:list --no-format");
    assertTrue(list, list.contains("nor0"));
  }

  private MmioDevice mmio(String name) throws Exception {
    return bundleContext.getService(
        bundleContext
            .getServiceReferences(MmioDevice.class, DeviceProperties.filter(name))
            .iterator()
            .next());
  }

  @Test
  public void driversSwapPerDeviceUnderLoadByRankingWithoutLosingAnOperation() throws Exception {
    Flash flash = flash("nor0");
    byte[] pattern = new byte[4096];
    new java.util.Random(5).nextBytes(pattern);
    flash.update(0x200000, pattern, 0, pattern.length);
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    java.util.List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread load =
        new Thread(
            () -> {
              byte[] back = new byte[pattern.length];
              int round = 0;
              while (!stop.get()) {
                try {
                  flash.read(0x200000, back, 0, back.length);
                  if (!Arrays.equals(pattern, back)) {
                    failures.add(new AssertionError("read back other bytes"));
                  }
                  byte[] counter = {(byte) round++, (byte) (round >> 8)};
                  flash.update(0x240000, counter, 0, counter.length);
                  done.incrementAndGet();
                } catch (Throwable t) {
                  failures.add(t);
                }
              }
            },
            "itest-load");
    load.start();
    ServiceReference<org.flashstack.api.flash.FlashDriver> cfiReference =
        bundleContext
            .getServiceReferences(org.flashstack.api.flash.FlashDriver.class, "(flash.driver=cfi)")
            .iterator()
            .next();
    long cfiServiceId = (Long) cfiReference.getProperty("service.id");
    org.flashstack.api.clock.EmulatedClock clock =
        bundleContext.getService(
            bundleContext.getServiceReference(org.flashstack.api.clock.EmulatedClock.class));
    Dictionary<String, Object> vendorProperties = new Hashtable<>();
    vendorProperties.put(DeviceProperties.DRIVER_NAME, "vendor");
    vendorProperties.put("service.ranking", 100);
    org.osgi.framework.ServiceRegistration<org.flashstack.api.flash.FlashDriver> vendor =
        bundleContext.registerService(
            org.flashstack.api.flash.FlashDriver.class,
            new org.flashstack.driver.cfi.CfiFlashDriver("vendor", clock, 2000),
            vendorProperties);
    ConfigurationAdmin configurationAdmin =
        bundleContext.getService(bundleContext.getServiceReference(ConfigurationAdmin.class));
    org.osgi.service.cm.Configuration cfiConfiguration =
        configurationAdmin.getConfiguration("org.flashstack.driver.cfi", "?");
    try {
      awaitDriver("nor0", "vendor");
      assertEquals("driver vendor", mmio("nor0").holder().orElseThrow());
      Dictionary<String, Object> ranking = new Hashtable<>();
      ranking.put("service.ranking", 200);
      cfiConfiguration.update(ranking);
      awaitDriver("nor0", "cfi");
      assertEquals(
          "the CFI driver took its new ranking without a restart",
          cfiServiceId,
          (long)
              (Long)
                  bundleContext
                      .getServiceReferences(
                          org.flashstack.api.flash.FlashDriver.class, "(flash.driver=cfi)")
                      .iterator()
                      .next()
                      .getProperty("service.id"));
      cfiConfiguration.delete();
      awaitDriver("nor0", "vendor");
      Thread.sleep(200);
    } finally {
      vendor.unregister();
      awaitDriver("nor0", "cfi");
      stop.set(true);
      load.join(30_000);
    }
    assertTrue("failures under load: " + failures, failures.isEmpty());
    assertTrue("the load ran: " + done.get(), done.get() > 10);
    String queue = execute("flash:queue --no-format");
    assertTrue(queue, queue.contains("nor0") && queue.contains("cfi"));
    byte[] counter = new byte[2];
    flash.read(0x240000, counter, 0, 2);
    long rounds = done.get() - 1;
    assertEquals("the last acknowledged update is there", (byte) rounds, counter[0]);
  }

  @Test
  public void locksAreExplicitAtTheShellAndEraseReportsTheDeviceTime() throws Exception {
    flash("nor0");
    String erased = execute("flash:erase nor0 0x600000 256K");
    assertTrue(erased, erased.contains("device time 1.024 s"));
    String dump = execute("flash:read nor0 0x600000 64");
    assertTrue("an erased range collapses as hexdump -C does: " + dump, dump.contains("\n*\n"));
    execute("flash:lock nor0 0x600000 256K");
    assertTrue(execute("flash:info nor0").contains("Locked blocks 24 (flash:unlock to unlock)"));
    File one = new File(runDirectory(), "one.bin");
    Files.write(one.toPath(), new byte[] {0x11});
    assertFails("flash:write nor0 0x600000 " + one.getAbsolutePath(), "unlock it first");
    assertFails("flash:erase nor0 0x600000 256K", "PROTECTED");
    assertTrue(
        "a refused erase unlocks nothing", execute("flash:info nor0").contains("Locked blocks 24"));
    execute("flash:unlock nor0 0x600000 256K");
    assertTrue(execute("flash:info nor0").contains("Locked blocks none"));
    execute("flash:write nor0 0x600000 " + one.getAbsolutePath());
  }

  @Test
  public void aPowerCycleKeepsTheCellsAndTheDeviceWorksOn() throws Exception {
    Flash flash = flash("nor0");
    byte[] data = "survives a power cycle".getBytes();
    flash.update(0x300000, data, 0, data.length);
    String cycled = execute("power:cycle nor0");
    assertTrue(cycled, cycled.contains("nor0 power-cycled"));
    byte[] back = new byte[data.length];
    flash.read(0x300000, back, 0, back.length);
    assertArrayEquals(data, back);
    flash.update(0x300000, new byte[] {1}, 0, 1);
  }

  @Test
  public void theDualFlashBoardServesTwoSpiNorChipsThroughTheOpenTitanHost() throws Exception {
    Flash flash0 = flash("flash0");
    Flash flash1 = flash("flash1");
    assertEquals(32L << 20, flash0.geometry().size());
    assertEquals(0xef, flash0.identity().manufacturerId());
    assertEquals(0xc2, flash1.identity().manufacturerId());
    assertTrue(
        flash0.identity().interfaceDescription(),
        flash0.identity().interfaceDescription().contains("SPI NOR on spi0 cs0"));
    byte[] data = "dual flash".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    flash1.update(0x1fff000, data, 0, data.length);
    byte[] back = new byte[data.length];
    flash1.read(0x1fff000, back, 0, back.length);
    assertArrayEquals("the top of a 32 MiB part: 4-byte addressing", data, back);
    String list = execute("flash:list --no-format");
    assertTrue(list, list.contains("flash0") && list.contains("flash1") && list.contains("spinor"));
    assertFalse("no problems: " + list, list.contains("not up:"));
    String read = execute("flash:read flash1 0x1fff000 16");
    assertTrue(read, read.contains("dual flash"));
    String info = execute("flash:info flash0");
    assertTrue(info, info.contains("JEDEC ID      ef4019 (Winbond W25Q256JV)"));
    assertTrue(info, info.contains("Read mode     1-4-4"));
    String info1 = execute("flash:info flash1");
    assertTrue(info1, info1.contains("Correction    the BFPT has no DWORD 16"));
    String id = execute("flash:id flash1");
    assertTrue(id, id.contains("JEDEC ID c22019") && id.contains("Macronix MX25L25635F"));
    String sfdp = execute("flash:sfdp --json flash1");
    assertTrue(sfdp, sfdp.contains("\"revision\":\"1.0\""));
    String hosts = execute("spi:hosts --no-format");
    assertTrue(
        hosts, hosts.contains("flash0") && hosts.contains("flash1") && hosts.contains("spihost0"));
    String raw = execute("spi:transfer --read 3 spi0 1 9f");
    assertTrue(raw, raw.contains("c2 20 19"));
    assertFails("spi:transfer spi0 1 9g", "'9g' is not a byte in hex");
    assertFails("spi:transfer spi0 5 9f", "no SPI device is configured on spi0 chip select 5");
    assertFails("flash:sfdp nor0", "nor0 is not an SPI NOR device");
  }

  @Test
  public void aSecondHostAndChipComeAndGoByConfiguration() throws Exception {
    ServiceReference<ConfigurationAdmin> reference =
        bundleContext.getServiceReference(ConfigurationAdmin.class);
    ConfigurationAdmin admin = bundleContext.getService(reference);
    List<org.osgi.service.cm.Configuration> board =
        chipOnNewHost(admin, "spihost1", "spi1", "flash2", "spi.part", "GD25Q128C");
    try {
      Flash flash = flash("flash2");
      assertEquals(16L << 20, flash.geometry().size());
      assertEquals(0xc8, flash.identity().manufacturerId());
      byte[] data = {5, 6, 7};
      flash.update(0x8000, data, 0, 3);
      byte[] back = new byte[3];
      flash.read(0x8000, back, 0, 3);
      assertArrayEquals(data, back);
    } finally {
      delete(board);
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (!bundleContext.getServiceReferences(Flash.class, "(device.name=flash2)").isEmpty()) {
      assertTrue("flash2 left with its configuration", System.currentTimeMillis() < deadline);
      Thread.sleep(100);
    }
    assertEquals(32L << 20, flash("flash0").geometry().size());
  }

  /** The service of {@code type} matching {@code filter}, waited for. */
  private <S> S service(Class<S> type, String filter) throws Exception {
    org.osgi.util.tracker.ServiceTracker<S, S> tracker =
        new org.osgi.util.tracker.ServiceTracker<>(
            bundleContext,
            org.osgi.framework.FrameworkUtil.createFilter(
                "(&(objectClass=" + type.getName() + ")" + filter + ")"),
            null);
    tracker.open();
    try {
      S service = tracker.waitForService(60_000);
      assertNotNull("no " + type.getSimpleName() + " " + filter + " within 60 s", service);
      return service;
    } finally {
      tracker.close();
    }
  }

  @Test
  public void theDualFlashBoardsPartitionsServeTheUserlandApi() throws Exception {
    org.flashstack.api.partition.AsyncSpiFlash recovery =
        service(
            org.flashstack.api.partition.AsyncSpiFlash.class,
            "(partition.driverNumber=" + 0x80000020L + ")");
    recovery.exists().get();
    assertEquals(32L << 20, (long) recovery.capacity().get());
    long erase = recovery.eraseSize().get();
    recovery.erase(0x10000, erase).get();
    byte[] data = "recovery image".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    recovery.write(0x10000, data, 0, data.length).get();
    byte[] back = new byte[data.length];
    flash("flash1").read(0x10000, back, 0, back.length);
    assertArrayEquals("the write landed on flash1 at the partition's offset", data, back);
    java.util.concurrent.ExecutionException past =
        assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> recovery.write((32L << 20) - 1, data, 0, 2).get());
    assertEquals(FlashError.OUT_OF_RANGE, ((FlashException) past.getCause()).error());

    org.flashstack.api.partition.FlashPartition staging =
        service(org.flashstack.api.partition.FlashPartition.class, "(partition.name=staging)");
    assertEquals("flash0", staging.device());
    assertEquals(16L << 20, staging.offset());
    staging.erase(0, staging.eraseSize());
    staging.write(5, data, 0, data.length);
    flash("flash0").read((16L << 20) + 5, back, 0, back.length);
    assertArrayEquals(data, back);

    String list = execute("part:list --no-format");
    for (String name : List.of("primary", "staging", "certificates", "logs", "recovery")) {
      assertTrue(list, list.contains(name));
    }
    String info = execute("part:info staging");
    assertTrue(info, info.contains("Driver number 0x80000011"));
    assertTrue(info, info.contains("Writes        1"));
    assertFails("part:info nowhere", "no partition named 'nowhere'; known: certificates, logs,");
    String erased = execute("part:erase logs 0 4K");
    assertTrue(erased, erased.contains("erased in partition logs at 0x00000000"));
    File log = new File(runDirectory(), "log-entry.bin");
    Files.write(log.toPath(), "log entry".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    String written = execute("part:write logs 0x10 " + log.getAbsolutePath());
    assertTrue(
        written, written.contains("written to partition logs at 0x00000010 (flash0 0x01c00010)"));
    String dump = execute("part:read logs 0x10 9");
    assertTrue(dump, dump.contains("|log entry|"));
    assertFails("part:erase logs 1 4K", "0x1 is not on an erase block boundary");
    assertFails("part:read logs 4M 1", "OUT_OF_RANGE");
    String map = execute("flash:map --ascii flash0");
    assertTrue(map, map.contains("flash0: 32 MiB"));
    assertTrue(
        map, map.contains("|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccddddddde|"));
    assertTrue(map, map.contains("  d logs ") && map.contains("  e nvs "));
    assertTrue(map, map.contains("wear: "));
    assertFails("flash:map nowhere", "no flash device named 'nowhere'");

    ServiceReference<ConfigurationAdmin> reference =
        bundleContext.getServiceReference(ConfigurationAdmin.class);
    org.osgi.service.cm.Configuration overlap =
        configure(
            bundleContext.getService(reference),
            "org.flashstack.partition",
            "partition.name",
            "overlap",
            "flash.target",
            "(device.name=flash0)",
            "offset",
            "0",
            "size",
            "4K",
            "partition.driverNumber",
            "0x80000099");
    try {
      long deadline = System.currentTimeMillis() + 30_000;
      String problems;
      while (!(problems = execute("flash:list --no-format")).contains("not up: overlap")) {
        assertTrue(problems, System.currentTimeMillis() < deadline);
        Thread.sleep(200);
      }
      assertTrue(problems, problems.contains("partition overlap (0x0..0x1000) overlaps primary"));
    } finally {
      overlap.delete();
    }
  }

  /**
   * Issue 9: the SPI NOR driver's bundle stopped and started five times while four users write and
   * read through partitions of both chips: every operation completes once, none fails, every
   * partition ends as its user's model.
   */
  @Test
  public void theSpiNorDriverBundleStopsAndStartsUnderLoadWithoutLosingAnOperation()
      throws Exception {
    List<String> names = List.of("staging", "certificates", "logs", "recovery");
    List<org.flashstack.api.partition.FlashPartition> partitions = new ArrayList<>();
    for (String name : names) {
      partitions.add(
          service(
              org.flashstack.api.partition.FlashPartition.class, "(partition.name=" + name + ")"));
    }
    Bundle driver =
        Arrays.stream(bundleContext.getBundles())
            .filter(b -> b.getSymbolicName().equals("org.flashstack.driver.spinor"))
            .findFirst()
            .orElseThrow();
    PartitionLoad load = new PartitionLoad(partitions, (int) partitions.get(0).eraseSize(), 64, 0);
    try {
      for (int cycle = 0; cycle < 5; cycle++) {
        Thread.sleep(150);
        driver.stop();
        assertEquals(
            "the driver left: flash0's Flash stays, served by nobody",
            "none",
            servingDriver("flash0"));
        Thread.sleep(100);
        driver.start();
        awaitDriver("flash0", "spinor");
        awaitDriver("flash1", "spinor");
      }
      Thread.sleep(150);
    } catch (Throwable t) {
      load.stop();
      throw t;
    }
    load.stopAndCheck("under the driver's restarts", 5);
    String drivers = execute("flash:drivers --no-format");
    assertTrue(drivers, row(drivers, "flash0", "spinor", "0", "org.flashstack.driver.spinor"));
    assertTrue(drivers, row(drivers, "nor0", "cfi", "0", "org.flashstack.driver.cfi"));
    assertTrue(drivers, drivers.contains("flash0, flash1"));
  }

  /**
   * Issue 11: a vendor's controller and driver arrive at runtime (feature:install), and the driver
   * bundle leaves and comes back by two routes (uninstalled then bundle:install, uninstalled then a
   * jar dropped into deploy/) while a user programs and reads: nothing fails, nothing is lost.
   */
  @Test
  public void aVendorDriverIsHotDeployedAndSwappedUnderLoadWithoutLosingAnOperation()
      throws Exception {
    execute("feature:install flashstack-vendor-emflash");
    ServiceReference<ConfigurationAdmin> reference =
        bundleContext.getServiceReference(ConfigurationAdmin.class);
    org.osgi.service.cm.Configuration controller =
        configure(
            bundleContext.getService(reference),
            "org.flashstack.vendor.emflash.hw",
            "device.name",
            "eflash0",
            "sizeKib",
            "512");
    String location = "mvn:org.flashstack/org.flashstack.vendor.emflash.driver/0.1.0-SNAPSHOT";
    java.io.File deployed =
        new java.io.File(System.getProperty("karaf.base"), "deploy/emflash-driver.jar");
    try {
      Flash flash = flash("eflash0");
      awaitDriver("eflash0", "emflash");
      String drivers = execute("flash:drivers --no-format");
      assertTrue(
          drivers, row(drivers, "eflash0", "emflash", "0", "org.flashstack.vendor.emflash.driver"));
      flash.erase(128 << 10, 128 << 10);
      java.util.concurrent.atomic.AtomicBoolean stop =
          new java.util.concurrent.atomic.AtomicBoolean();
      List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      byte[] model = new byte[128 << 10];
      Arrays.fill(model, (byte) 0xff);
      java.util.concurrent.atomic.AtomicInteger written =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread user =
          new Thread(
              () -> {
                java.util.Random random = new java.util.Random(11);
                try {
                  for (int at = 0; !stop.get() && at + 64 <= model.length; at += 64) {
                    byte[] data = new byte[64];
                    random.nextBytes(data);
                    flash.program((128 << 10) + at, data, 0, data.length);
                    System.arraycopy(data, 0, model, at, data.length);
                    byte[] back = new byte[64];
                    flash.read((128 << 10) + at, back, 0, back.length);
                    if (!Arrays.equals(data, back)) {
                      failures.add(new AssertionError("read back other bytes at " + at));
                    }
                    written.incrementAndGet();
                  }
                } catch (Throwable t) {
                  failures.add(t);
                }
              },
              "itest-emflash-user");
      user.start();
      try {
        for (int route = 0; route < 2; route++) {
          Thread.sleep(100);
          Bundle driver = bundle("org.flashstack.vendor.emflash.driver");
          byte[] jar;
          try (java.io.InputStream in = new java.net.URL(location).openStream()) {
            jar = in.readAllBytes();
          }
          driver.uninstall();
          assertEquals("the driver left: eflash0's Flash stays", "none", servingDriver("eflash0"));
          Thread.sleep(200);
          if (route == 0) {
            execute("bundle:install -s " + location);
          } else {
            java.nio.file.Files.write(deployed.toPath(), jar);
          }
          awaitDriver("eflash0", "emflash");
        }
        Thread.sleep(100);
      } finally {
        stop.set(true);
        user.join(60_000);
      }
      assertTrue("failures across the swaps: " + failures, failures.isEmpty());
      assertTrue("the user worked: " + written.get(), written.get() > 5);
      byte[] all = new byte[model.length];
      flash.read(128 << 10, all, 0, all.length);
      assertArrayEquals("every acknowledged write is there", model, all);
      String queue = execute("flash:queue --no-format");
      assertTrue(queue, row(queue, "eflash0", "emflash"));
    } finally {
      java.nio.file.Files.deleteIfExists(deployed.toPath());
      controller.delete();
    }
  }

  private Bundle bundle(String symbolicName) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      for (Bundle candidate : bundleContext.getBundles()) {
        if (candidate.getSymbolicName().equals(symbolicName)
            && candidate.getState() == Bundle.ACTIVE) {
          return candidate;
        }
      }
      assertTrue(symbolicName + " is active", System.currentTimeMillis() < deadline);
      Thread.sleep(50);
    }
  }

  @Test
  public void eventsArriveForDeviceDriverPartitionAndOperationTopics() throws Exception {
    java.util.concurrent.BlockingQueue<org.osgi.service.event.Event> events =
        new java.util.concurrent.LinkedBlockingQueue<>();
    Dictionary<String, Object> subscription = new Hashtable<>();
    subscription.put(org.osgi.service.event.EventConstants.EVENT_TOPIC, "org/flashstack/*");
    org.osgi.framework.ServiceRegistration<org.osgi.service.event.EventHandler> handler =
        bundleContext.registerService(
            org.osgi.service.event.EventHandler.class, events::add, subscription);
    ServiceReference<ConfigurationAdmin> reference =
        bundleContext.getServiceReference(ConfigurationAdmin.class);
    ConfigurationAdmin admin = bundleContext.getService(reference);
    List<org.osgi.service.cm.Configuration> board =
        chipOnNewHost(admin, "spihost5", "spi5", "flash6", "spi.part", "W25Q128JV");
    org.osgi.service.cm.Configuration part = null;
    org.osgi.service.cm.Configuration partition = null;
    try {
      awaitEvent(events, "org/flashstack/device/BOUND", "device", "flash6", "driver", "spinor");
      part =
          configure(
              admin,
              "org.flashstack.driver.spinor.part",
              "name",
              "W25Q128-preferred",
              "jedecId",
              "ef4018",
              "size",
              "16M",
              "overrideSfdp",
              "true",
              "service.ranking",
              "10");
      awaitEvent(
          events,
          "org/flashstack/device/DRIVER_CHANGED",
          "device",
          "flash6",
          "previous.driver",
          "spinor",
          "driver",
          "spinor-part");
      partition =
          configure(
              admin,
              "org.flashstack.partition",
              "partition.name",
              "events-part",
              "flash.target",
              "(device.name=flash6)",
              "offset",
              "0",
              "size",
              "64K",
              "partition.driverNumber",
              "0x80000077");
      awaitEvent(
          events,
          "org/flashstack/partition/TABLE_CHANGED",
          "partition",
          "events-part",
          "change",
          "added");
      service(org.flashstack.api.partition.FlashPartition.class, "(partition.name=events-part)")
          .read(0x100, new byte[16], 0, 16);
      awaitEvent(
          events,
          "org/flashstack/flash/OPERATION_COMPLETED",
          "device",
          "flash6",
          "user",
          "events-part",
          "operation",
          "read");
      Flash nor0 = flash("nor0");
      long block = nor0.geometry().regions().get(0).blockSize();
      long last = nor0.geometry().size() - block;
      nor0.lock(last, block);
      try {
        assertThrows(FlashException.class, () -> nor0.program(last, new byte[] {0}, 0, 1));
      } finally {
        nor0.unlock(last, block);
      }
      awaitEvent(
          events,
          "org/flashstack/flash/OPERATION_FAILED",
          "device",
          "nor0",
          "operation",
          "program",
          "error",
          "PROTECTED");
      part.delete();
      part = null;
      awaitEvent(
          events,
          "org/flashstack/device/DRIVER_CHANGED",
          "device",
          "flash6",
          "previous.driver",
          "spinor-part",
          "driver",
          "spinor");
      partition.delete();
      partition = null;
      awaitEvent(
          events,
          "org/flashstack/partition/TABLE_CHANGED",
          "partition",
          "events-part",
          "change",
          "removed");
      delete(board);
      board = List.of();
      awaitEvent(events, "org/flashstack/device/UNBOUND", "device", "flash6");
    } finally {
      handler.unregister();
      if (part != null) {
        part.delete();
      }
      if (partition != null) {
        partition.delete();
      }
      delete(board);
    }
  }

  /** Waits for an event on {@code topic} with the given properties, skipping others. */
  private static void awaitEvent(
      java.util.concurrent.BlockingQueue<org.osgi.service.event.Event> events,
      String topic,
      String... properties)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    List<String> seen = new ArrayList<>();
    while (System.currentTimeMillis() < deadline) {
      org.osgi.service.event.Event event =
          events.poll(
              Math.max(1, deadline - System.currentTimeMillis()),
              java.util.concurrent.TimeUnit.MILLISECONDS);
      if (event == null) {
        break;
      }
      boolean matches = event.getTopic().equals(topic);
      for (int i = 0; matches && i < properties.length; i += 2) {
        matches = properties[i + 1].equals(String.valueOf(event.getProperty(properties[i])));
      }
      if (matches) {
        return;
      }
      seen.add(event.getTopic() + " " + event.getProperty("device"));
    }
    fail("no " + topic + " " + Arrays.toString(properties) + " within 30 s; saw " + seen);
  }

  @Test
  public void aChipWithoutSfdpComesUpOnceItsPartIsGivenByHand() throws Exception {
    ServiceReference<ConfigurationAdmin> reference =
        bundleContext.getServiceReference(ConfigurationAdmin.class);
    ConfigurationAdmin admin = bundleContext.getService(reference);
    List<org.osgi.service.cm.Configuration> board =
        chipOnNewHost(
            admin, "spihost3", "spi3", "flash4", "spi.part", "W25Q128JV", "sfdp", "false");
    org.osgi.service.cm.Configuration part = null;
    try {
      long deadline = System.currentTimeMillis() + 30_000;
      String list;
      while (!(list = execute("flash:list --no-format")).contains("not up: flash4")) {
        assertTrue(list, System.currentTimeMillis() < deadline);
        Thread.sleep(200);
      }
      assertTrue(list, list.contains("no driver attached: spinor: "));
      assertTrue(list, list.contains("has no SFDP (Read SFDP 5Ah returns ff ff ff ff)"));
      assertTrue(list, list.contains("org.flashstack.driver.spinor.part (jedecId=ef 40 18"));
      part =
          configure(
              admin,
              "org.flashstack.driver.spinor.part",
              "name",
              "W25Q128-by-hand",
              "jedecId",
              "ef 40 18",
              "size",
              "16M",
              "readMode",
              "1-1-2",
              "readOpcode",
              "3B");
      Flash flash = flash("flash4");
      assertEquals(16L << 20, flash.geometry().size());
      byte[] data = "no sfdp".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      flash.update(0x10000, data, 0, data.length);
      byte[] back = new byte[data.length];
      flash.read(0x10000, back, 0, back.length);
      assertArrayEquals(data, back);
      String info = execute("flash:info flash4");
      assertTrue(info, info.contains("Parameters    configured by hand: part W25Q128-by-hand"));
      assertTrue(info, info.contains("Read mode     1-1-2, 3Bh"));
      assertTrue(info, info.contains("spinor-part"));
      assertFails("flash:sfdp flash4", "flash4 has no usable SFDP");
    } finally {
      if (part != null) {
        part.delete();
      }
      delete(board);
    }
  }

  @Test
  public void anSpiNorChipIsOneFactoryConfigurationAndItsSfdpDecodesAtTheShell() throws Exception {
    ServiceReference<ConfigurationAdmin> reference =
        bundleContext.getServiceReference(ConfigurationAdmin.class);
    ConfigurationAdmin configurationAdmin = bundleContext.getService(reference);
    org.osgi.service.cm.Configuration chip =
        configurationAdmin.getFactoryConfiguration("org.flashstack.hw.spinor", "flash9", "?");
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put("device.name", "flash9");
    properties.put("spi.part", "W25Q256JV");
    properties.put("spi.bus", "spi7");
    properties.put("spi.cs", "1");
    chip.update(properties);
    File dump = new File(runDirectory(), "flash9-sfdp.bin");
    try {
      long deadline = System.currentTimeMillis() + 30_000;
      List<ServiceReference<SpiTarget>> targets;
      while ((targets =
              new ArrayList<>(
                  bundleContext.getServiceReferences(
                      SpiTarget.class, "(&(spi.bus=spi7)(spi.cs=1))")))
          .isEmpty()) {
        assertTrue("the chip registers on its chip select", System.currentTimeMillis() < deadline);
        Thread.sleep(100);
      }
      assertEquals("W25Q256JV", targets.get(0).getProperty("spi.part"));
      SpiTarget target = bundleContext.getService(targets.get(0));
      byte[] id = new byte[3];
      target.transaction(
          bus -> {
            bus.transmit(new byte[] {(byte) 0x9f}, 0, 1, SpiLanes.SINGLE);
            bus.receive(id, 0, 3, SpiLanes.SINGLE);
          });
      assertArrayEquals(new byte[] {(byte) 0xef, 0x40, 0x19}, id);
      byte[] sfdp = new byte[256];
      target.transaction(
          bus -> {
            bus.transmit(new byte[] {0x5a, 0, 0, 0}, 0, 4, SpiLanes.SINGLE);
            bus.dummy(8);
            bus.receive(sfdp, 0, sfdp.length, SpiLanes.SINGLE);
          });
      Files.write(dump.toPath(), sfdp);
      String json = execute("flash:sfdp --json --file " + dump.getAbsolutePath());
      assertTrue(json, json.contains("\"density_bytes\":33554432"));
      assertTrue(json, json.contains("\"address_mode\":\"3or4\""));
      String text = execute("flash:sfdp -f " + dump.getAbsolutePath());
      assertTrue(text, text.contains("4-Byte Address Instruction Table"));
      String parts = execute("spinor:parts --no-format");
      assertTrue(parts, parts.contains("SST26VF064B") && parts.contains("real dump"));
      String estimate = execute("spinor:estimate W25Q256JV 1M");
      assertTrue(estimate, estimate.contains("16 x 64 KiB"));
      String stats = execute("media:stats flash9");
      assertTrue(stats, stats.contains("RAM (32 MiB)") && stats.contains("8192 sectors of 4 KiB"));
      Files.write(dump.toPath(), Arrays.copyOf(sfdp, 20));
      assertFails(
          "flash:sfdp --file " + dump.getAbsolutePath(), "is past the end of the 20-byte dump");
      assertFails("spinor:estimate W25Q999 1M", "no part 'W25Q999' in the chip catalog");
      bundleContext.ungetService(targets.get(0));
    } finally {
      chip.delete();
      Files.deleteIfExists(dump.toPath());
    }
  }

  /** A new factory configuration of {@code pid} with the given key-value pairs. */
  /**
   * A new OpenTitan SPI host with one chip select and a chip on it, as the board wires them: the
   * host, the chip (the given attributes beside its name, bus and chip select 0), and the SPI
   * device software sees there.
   */
  private static List<org.osgi.service.cm.Configuration> chipOnNewHost(
      ConfigurationAdmin admin, String host, String bus, String device, String... chip)
      throws java.io.IOException {
    List<String> chipPairs =
        new ArrayList<>(List.of("device.name", device, "spi.bus", bus, "spi.cs", "0"));
    chipPairs.addAll(List.of(chip));
    return List.of(
        configure(
            admin,
            "org.flashstack.hw.opentitan.spihost",
            "device.name",
            host,
            "spi.bus",
            bus,
            "chipSelects",
            "1"),
        configure(admin, "org.flashstack.hw.spinor", chipPairs.toArray(new String[0])),
        configure(
            admin,
            "org.flashstack.driver.spi.mux",
            "device.name",
            device,
            "spi.bus",
            bus,
            "master.target",
            "(spi.bus=" + bus + ")",
            "spi.cs",
            "0"));
  }

  /** Deletes configurations, the last made first. */
  private static void delete(List<org.osgi.service.cm.Configuration> configurations)
      throws java.io.IOException {
    for (int i = configurations.size() - 1; i >= 0; i--) {
      configurations.get(i).delete();
    }
  }

  private void assertFails(String command, String expected) {
    Exception e = assertThrows(Exception.class, () -> execute(command));
    assertTrue(
        command + " -> " + e.getMessage(), String.valueOf(e.getMessage()).contains(expected));
  }
}
