package org.flashstack.itests;

import static org.junit.Assert.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.flash.Flash;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 13 in the product: the real flashrom programs the default board's first SPI NOR chip
 * through serprog:serve (the OpenTitan SPI host model and the SPI virtualizer underneath), and the
 * real gdb changes the MemProgLib target's RAM through gdb:serve.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RealPeersIT extends FlashStackTestSupport {

  @Configuration
  public Option[] configuration() {
    return distribution(new File(runDirectory(), "peers-nor0.img"));
  }

  private static boolean have(String tool) {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static String run(List<String> line) throws Exception {
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(line + " did not end", p.waitFor(600, TimeUnit.SECONDS));
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(line + " failed:\n" + text, 0, p.exitValue());
    return text;
  }

  @Test
  public void flashromProgramsFlash0ThroughSerprogAndTheSpiHostModel() throws Exception {
    if (System.getenv("CI") == null) {
      Assume.assumeTrue("flashrom is not installed here", have("flashrom"));
    }
    Flash flash0 = flash("flash0");
    String served = execute("serprog:serve --port 0 spi0");
    String address = served.replaceAll("(?s).* on (\\S+) .*", "$1").trim();
    assertTrue(served, address.startsWith("127.0.0.1:"));
    String programmer = "serprog:ip=" + address;
    // CS0: flash0 (W25Q256JV); flashrom 1.3's serprog has no cs= parameter
    String probe = run(List.of("flashrom", "-p", programmer, "-c", "W25Q256JV_Q"));
    assertTrue(probe, probe.contains("Found Winbond flash chip \"W25Q256JV_Q\" (32768 kB, SPI)"));
    byte[] image = new byte[32 << 20];
    Arrays.fill(image, (byte) 0xff);
    byte[] code = new byte[64 * 1024];
    new Random(13).nextBytes(code);
    System.arraycopy(code, 0, image, 0x200000, code.length);
    // the rest of the chip as it is now, so flashrom writes only the blocks that differ
    File current = new File(runDirectory(), "flash0-before.bin");
    run(
        List.of(
            "flashrom", "-p", programmer, "-c", "W25Q256JV_Q", "-r", current.getAbsolutePath()));
    byte[] before = Files.readAllBytes(current.toPath());
    System.arraycopy(before, 0, image, 0, image.length);
    System.arraycopy(code, 0, image, 0x200000, code.length);
    File file = new File(runDirectory(), "flash0-image.bin");
    Files.write(file.toPath(), image);
    String wrote =
        run(
            List.of(
                "flashrom", "-p", programmer, "-c", "W25Q256JV_Q", "-w", file.getAbsolutePath()));
    assertTrue(wrote, wrote.contains("VERIFIED"));
    byte[] back = new byte[code.length];
    flash0.read(0x200000, back, 0, back.length);
    assertArrayEquals(code, back);
    String list = execute("serprog:list --no-format");
    assertTrue(list, list.contains("spi0"));
    execute("serprog:stop " + address.substring(address.indexOf(':') + 1));
  }

  @Test
  public void theSpiNorDriverLearnsAChipThroughASerprogConnection() throws Exception {
    Flash flash0 = flash("flash0");
    String served = execute("serprog:serve --port 0 spi0");
    String address = served.replaceAll("(?s).* on (\\S+) .*", "$1").trim();
    String connected = execute("spi:connect --bus ext0 serprog:" + address);
    assertTrue(connected, connected.contains("bus ext0: serprog programmer at " + address));
    // flash0's chip, seen a second time through the serprog loop: one lane, learnt from SFDP
    ConfigurationAdmin admin =
        bundleContext.getService(bundleContext.getServiceReference(ConfigurationAdmin.class));
    configure(
        admin,
        "org.flashstack.driver.spi.mux",
        "device.name",
        "ext0",
        "spi.bus",
        "ext0",
        "master.target",
        "(spi.bus=ext0)",
        "spi.cs",
        "0",
        "spi.maxLanes",
        "1",
        "device.compatible",
        "jedec,spi-nor");
    Flash ext0 = flash("ext0");
    assertEquals(32L << 20, ext0.geometry().size());
    byte[] direct = new byte[4096];
    byte[] through = new byte[4096];
    flash0.read(0x100000, direct, 0, direct.length);
    ext0.read(0x100000, through, 0, through.length);
    assertArrayEquals(direct, through);
    assertTrue(execute("spi:disconnect ext0").contains("disconnected"));
    execute("serprog:stop " + address.substring(address.indexOf(':') + 1));
  }

  @Test
  public void gdbChangesTheMemProgTargetsRamThroughGdbServe() throws Exception {
    if (System.getenv("CI") == null) {
      Assume.assumeTrue("gdb is not installed here", have("gdb"));
    }
    flash("flash0");
    String served = execute("gdb:serve --port 0 default");
    String address = served.replaceAll("(?s).* on (\\S+) .*", "$1").trim();
    List<String> line =
        new ArrayList<>(
            List.of(
                "gdb",
                "-batch",
                "-nx",
                "-ex",
                "target remote " + address,
                "-ex",
                "set {unsigned int}0x20080000 = 0xfeedf00d",
                "-ex",
                "x/1xw 0x20080000",
                "-ex",
                "x/1xb 0x20000000",
                "-ex",
                "detach"));
    String out = run(line);
    assertTrue(out, out.contains("0xfeedf00d"));
    assertTrue(out, out.contains("0x20000000:\t0x00"));
    String list = execute("gdb:list --no-format");
    assertTrue(list, row(list, "default", address));
    execute("gdb:stop " + address.substring(address.indexOf(':') + 1));
  }
}
