package org.flashstack.serprog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.flashstack.hw.spinor.SfdpTableBuilder;
import org.flashstack.hw.spinor.SpiNorChip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real flashrom (Debian's package; .ci/run installs it) through the serprog server against
 * catalog chip models: it names the chip, writes an image, verifies it, and reads it back.
 */
class RealFlashromTest {

  /** The chips' clock: virtual, moved on by flashrom's wall time ({@link PacedBus}). */
  static final VirtualClock CLOCK = new VirtualClock();

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  /** A bus with one chip on CS0, the chip spoken to directly. */
  static SerprogBus busOf(SpiNorChip chip) {
    return new SerprogBus() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public boolean hasChipSelect(int chipSelect) {
        return chipSelect == 0;
      }

      @Override
      public synchronized void transfer(int chipSelect, byte[] write, byte[] read) {
        chip.select();
        try {
          if (write.length > 0) {
            chip.transmit(write, 0, write.length, SpiLanes.SINGLE);
          }
          if (read.length > 0) {
            chip.receive(read, 0, read.length, SpiLanes.SINGLE);
          }
        } finally {
          chip.deselect();
        }
      }
    };
  }

  static SpiNorChip chip(String partName) throws IOException {
    ChipPart part = ChipCatalog.builtIn().part(partName);
    FlashMedia media = NorMedia.open(MediaSpec.ram("flash0", part.size(), part.smallestErase()));
    return new SpiNorChip("flash0", part, media, CLOCK, SfdpTableBuilder.sfdpOf(part));
  }

  static boolean haveFlashrom() {
    try {
      Process p = new ProcessBuilder("flashrom", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static String flashrom(int port, String... arguments) throws Exception {
    List<String> line = new ArrayList<>(List.of("flashrom", "-p", "serprog:ip=127.0.0.1:" + port));
    line.addAll(List.of(arguments));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "flashrom did not end");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "flashrom " + line + " failed:\n" + text);
    return text;
  }

  /** W25Q128JV's silicon under a JEDEC ID no flashrom database lists (EF 99 18). */
  static SpiNorChip unlistedChip() throws IOException {
    ChipPart w = ChipCatalog.builtIn().part("W25Q128JV");
    ChipPart unlisted =
        new ChipPart(
            "W25Q128-UNLISTED",
            w.vendor(),
            w.description(),
            w.notes(),
            new byte[] {(byte) 0xef, (byte) 0x99, 0x18},
            w.legacyIds(),
            w.size(),
            w.pageSize(),
            w.eraseTypes(),
            w.regions(),
            w.chipEraseOpcodes(),
            w.addressing(),
            w.reads(),
            w.programs(),
            w.registers(),
            w.writeStatus(),
            w.volatileWriteEnable(),
            w.clearStatus(),
            w.errorHoldsBusy(),
            w.roles(),
            w.protection(),
            w.suspend(),
            w.reset(),
            w.deepPowerDown(),
            w.timing(),
            w.sfdp());
    FlashMedia media =
        NorMedia.open(MediaSpec.ram("flash0", unlisted.size(), unlisted.smallestErase()));
    return new SpiNorChip("flash0", unlisted, media, CLOCK, SfdpTableBuilder.sfdpOf(unlisted));
  }

  @Test
  void aChipFlashromDoesNotKnowIsProbedBySfdpAndRead(@TempDir Path dir) throws Exception {
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(
          haveFlashrom(), "flashrom is not installed here (.ci/run installs it in CI)");
    }
    SpiNorChip chip = unlistedChip();
    byte[] code = new byte[4096];
    new Random(9).nextBytes(code);
    chip.media().program(0x3000, code, 0, code.length);
    try (SerprogServer server =
        SerprogServer.start(
            new PacedBus(busOf(chip), CLOCK), InetAddress.getLoopbackAddress(), 0, threads)) {
      String probe = flashrom(server.port());
      assertTrue(probe.contains("\"SFDP-capable chip\" (16384 kB, SPI)"), probe);
      Path back = dir.resolve("sfdp.bin");
      flashrom(server.port(), "-c", "SFDP-capable chip", "-r", back.toString());
      byte[] read = Files.readAllBytes(back);
      assertEquals(16 << 20, read.length);
      assertArrayEquals(code, Arrays.copyOfRange(read, 0x3000, 0x3000 + code.length));
    }
  }

  @Test
  void flashromNamesTheChipAndRoundTripsAnImageWithVerify(@TempDir Path dir) throws Exception {
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(
          haveFlashrom(), "flashrom is not installed here (.ci/run installs it in CI)");
    }
    SpiNorChip chip = chip("W25Q128JV");
    try (SerprogServer server =
        SerprogServer.start(
            new PacedBus(busOf(chip), CLOCK), InetAddress.getLoopbackAddress(), 0, threads)) {
      String probe = flashrom(server.port());
      assertTrue(probe.contains("Found Winbond flash chip \"W25Q128.V\" (16384 kB, SPI)"), probe);
      byte[] image = new byte[16 << 20];
      Arrays.fill(image, (byte) 0xff);
      byte[] code = new byte[100_000];
      new Random(3).nextBytes(code);
      System.arraycopy(code, 0, image, 0x10000, code.length);
      Path file = dir.resolve("image.bin");
      Files.write(file, image);
      String wrote = flashrom(server.port(), "-c", "W25Q128.V", "-w", file.toString());
      assertTrue(wrote.contains("VERIFIED"), wrote);
      byte[] cells = new byte[code.length];
      chip.media().read(0x10000, cells, 0, cells.length);
      assertArrayEquals(code, cells);
      Path back = dir.resolve("back.bin");
      flashrom(server.port(), "-c", "W25Q128.V", "-r", back.toString());
      assertArrayEquals(image, Files.readAllBytes(back));
    }
  }
}
