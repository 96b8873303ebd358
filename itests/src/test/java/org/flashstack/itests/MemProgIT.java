package org.flashstack.itests;

import static org.junit.Assert.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.flashstack.api.memprog.MemProgTarget;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.memprog.host.HostSettings;
import org.flashstack.memprog.host.MemProgProgrammer;
import org.flashstack.memprog.host.ProgramOptions;
import org.flashstack.memprog.host.ProgramReport;
import org.flashstack.memprog.host.ProgrammerSessions;
import org.flashstack.memprog.host.ProgressListener;
import org.flashstack.memprog.image.FirmwareImage;
import org.flashstack.memprog.image.Segment;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 12 in the product: the default board's MemProgLib target, reached with {@code prog:connect
 * jvm:default}, programs images through the shell, and {@code flash:read} finds them where the
 * partitions put them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MemProgIT extends FlashStackTestSupport {

  @Configuration
  public Option[] configuration() {
    return distribution(new File(runDirectory(), "memprog-nor0.img"));
  }

  private void awaitPartition(String name) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (bundleContext
        .getServiceReferences(FlashPartition.class, "(partition.name=" + name + ")")
        .isEmpty()) {
      assertTrue("partition " + name + " did not come up", System.currentTimeMillis() < deadline);
      Thread.sleep(100);
    }
  }

  private String connect() throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      try {
        return execute("prog:connect jvm:default");
      } catch (Exception e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  @Test
  public void anImageProgrammedThroughTheShellIsWhereFlashReadFindsIt() throws Exception {
    awaitPartition("staging");
    awaitPartition("recovery");
    String connected = connect();
    assertTrue(
        connected,
        connected.contains(
            "connected to jvm:default: MemProgLib 2.0.0, 8 buffers of 32 KiB, 5 interfaces"));
    String info = execute("prog:info --no-format");
    assertTrue(info, row(info, "1", "partition:staging", "8 MiB", "4 KiB"));
    assertTrue(info, row(info, "4", "partition:recovery", "32 MiB", "4 KiB"));

    byte[] image = new byte[300_000];
    new Random(12).nextBytes(image);
    File bin = new File(runDirectory(), "memprog-image.bin");
    Files.write(bin.toPath(), image);
    String programmed =
        execute("prog:program --verify --address 0x1000 staging " + bin.getAbsolutePath());
    assertTrue(
        programmed,
        programmed.contains(
            "interface 1 (partition:staging): bin memprog-image.bin, written 300000 bytes, skipped 0 bytes"));
    assertTrue(programmed, programmed.contains("verified"));
    assertTrue(programmed, programmed.contains("100% programming"));

    // staging is flash0 from 16 MiB: the image is at 16 MiB + 0x1000 on the device
    File back = new File(runDirectory(), "memprog-back.bin");
    execute("flash:read --out " + back.getAbsolutePath() + " flash0 0x1001000 " + image.length);
    assertArrayEquals(image, Files.readAllBytes(back.toPath()));

    String again =
        execute("prog:program --skip-unchanged --address 0x1000 staging " + bin.getAbsolutePath());
    assertTrue(again, again.contains("written 0 bytes, skipped 300000 bytes, erased 0 bytes"));

    CRC32 crc = new CRC32();
    crc.update(image);
    String crcLine = execute("prog:crc staging 0x1000 " + image.length);
    assertTrue(crcLine, crcLine.contains(String.format("= 0x%08x", crc.getValue())));

    // an Intel HEX image into recovery, through its interface number
    String hex =
        String.join(
            "\n",
            ":020000040000FA",
            ":10010000214601360121470136007EFE09D2190140",
            ":00000001FF",
            "");
    File hexFile = new File(runDirectory(), "memprog-small.hex");
    Files.write(hexFile.toPath(), hex.getBytes(StandardCharsets.US_ASCII));
    String small = execute("prog:program 4 " + hexFile.getAbsolutePath());
    assertTrue(
        small,
        small.contains(
            "interface 4 (partition:recovery): hex memprog-small.hex, written 16 bytes"));
    String dump = execute("flash:read flash1 0x100 16");
    assertTrue(dump, dump.contains("21 46 01 36 01 21 47 01"));
  }

  @Test
  public void threeInterfacesProgramThreePartitionsAtOnce() throws Exception {
    awaitPartition("staging");
    awaitPartition("logs");
    awaitPartition("recovery");
    ProgrammerSessions sessions =
        bundleContext.getService(bundleContext.getServiceReference(ProgrammerSessions.class));
    MemProgProgrammer programmer = sessions.connect("jvm:default", HostSettings.DEFAULTS);
    int[] interfaces = {1, 3, 4}; // staging, logs, recovery: two devices, three partitions
    byte[][] images = new byte[3][];
    ExecutorService users = Executors.newFixedThreadPool(3);
    List<Future<ProgramReport>> jobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      images[i] = new byte[96 * 1024 + i * 4096];
      new Random(100 + i).nextBytes(images[i]);
      FirmwareImage image = FirmwareImage.of(List.of(new Segment(0x20000, images[i])));
      int iface = interfaces[i];
      jobs.add(
          users.submit(
              () ->
                  programmer.program(
                      iface,
                      image,
                      ProgramOptions.DEFAULTS.with(true, false),
                      ProgressListener.NONE)));
    }
    for (Future<ProgramReport> job : jobs) {
      assertTrue(job.get(120, TimeUnit.SECONDS).bytesWritten() >= 96 * 1024);
    }
    users.shutdown();
    String[] partitions = {"staging", "logs", "recovery"};
    for (int i = 0; i < 3; i++) {
      FlashPartition partition =
          bundleContext.getService(
              bundleContext
                  .getServiceReferences(
                      FlashPartition.class, "(partition.name=" + partitions[i] + ")")
                  .iterator()
                  .next());
      byte[] back = new byte[images[i].length];
      partition.read(0x20000, back, 0, back.length);
      assertArrayEquals(partitions[i], images[i], back);
    }
  }

  @Test
  public void aTargetConfiguredOnASharedFileServesADeviceToAHostThroughShm() throws Exception {
    flash("nor0");
    ConfigurationAdmin admin =
        bundleContext.getService(bundleContext.getServiceReference(ConfigurationAdmin.class));
    File ram = new File(runDirectory(), "memprog-shared.ram");
    configure(
        admin,
        "org.flashstack.memprog.shm",
        "memprog.memory",
        "shared",
        "file",
        ram.getAbsolutePath(),
        "base",
        "0x20000000",
        "size",
        "256K");
    configure(
        admin,
        "org.flashstack.memprog.target",
        "memprog.target",
        "devices",
        "memory.target",
        "(memprog.memory=shared)",
        "param",
        "0x20000100",
        "bufferSize",
        "4K",
        "interfaces",
        "device:nor0");
    long deadline = System.currentTimeMillis() + 60_000;
    // the target's service, and its RAM file: a host in another process reaches the file directly
    while (bundleContext
            .getServiceReferences(MemProgTarget.class, "(memprog.target=devices)")
            .isEmpty()
        || !ram.isFile()) {
      assertTrue("the devices target did not come up", System.currentTimeMillis() < deadline);
      Thread.sleep(100);
    }
    String connected =
        // quoted: & and ? mean something to the shell
        execute(
            "prog:connect \"shm:" + ram.getAbsolutePath() + "?base=0x20000000&param=0x20000100\"");
    assertTrue(connected, connected.contains("8 buffers of 4 KiB, 1 interfaces"));
    String info = execute("prog:info --no-format");
    assertTrue(info, row(info, "0", "device:nor0", "8 MiB", "256 KiB"));
    byte[] image = new byte[5000];
    new Random(7).nextBytes(image);
    File bin = new File(runDirectory(), "memprog-nor0.bin");
    Files.write(bin.toPath(), image);
    execute("prog:program --verify --address 0x300000 nor0 " + bin.getAbsolutePath());
    byte[] back = new byte[image.length];
    flash("nor0").read(0x300000, back, 0, back.length);
    assertArrayEquals(image, back);
    execute("prog:disconnect");
  }

  @Test
  public void targetErrorsAndBadImagesFailTheCommandAndChangeNothing() throws Exception {
    awaitPartition("logs");
    connect();
    byte[] before = new byte[8192];
    File snapshot = new File(runDirectory(), "memprog-logs-before.bin");
    execute("flash:read --out " + snapshot.getAbsolutePath() + " flash0 0x1c00000 8192");
    before = Files.readAllBytes(snapshot.toPath());
    assertFails(
        "prog:erase logs 0x100 0x1000",
        "ERASE_RANGE: ERR_PARAM (code 5: the erase range is not on erase-unit boundaries)");
    assertFails("prog:read logs 0x1ffff00 0x200", "past the end of interface 3 (partition:logs)");
    assertFails("prog:program nowhere /dev/null", "no interface 'nowhere'");
    File broken = new File(runDirectory(), "memprog-broken.hex");
    Files.write(
        broken.toPath(),
        ":10010000214601360121470136007EFE09D2190141\n:00000001FF\n"
            .getBytes(StandardCharsets.US_ASCII));
    assertFails("prog:program logs " + broken.getAbsolutePath(), "line 1: bad checksum 0x41");
    File after = new File(runDirectory(), "memprog-logs-after.bin");
    execute("flash:read --out " + after.getAbsolutePath() + " flash0 0x1c00000 8192");
    assertArrayEquals(before, Files.readAllBytes(after.toPath()));
    assertTrue(execute("prog:disconnect").contains("disconnected"));
    assertFails("prog:info", "not connected to a MemProgLib target: prog:connect jvm:default");
  }

  private void assertFails(String command, String expected) {
    Exception e = assertThrows(Exception.class, () -> execute(command));
    assertTrue(
        command + " -> " + e.getMessage(), String.valueOf(e.getMessage()).contains(expected));
  }
}
