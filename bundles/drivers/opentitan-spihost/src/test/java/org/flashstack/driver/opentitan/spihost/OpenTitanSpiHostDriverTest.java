package org.flashstack.driver.opentitan.spihost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.spi.SpiException;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.api.spi.SpiSegment;
import org.flashstack.api.spi.SpiSettings;
import org.flashstack.api.spi.SpiTarget;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.hw.opentitan.spihost.OpenTitanSpiHost;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.flashstack.hw.spinor.SfdpTableBuilder;
import org.flashstack.hw.spinor.SpiNorChip;
import org.junit.jupiter.api.Test;

/** The driver through the register model, to a catalog chip on CS0; CS1 is not wired. */
class OpenTitanSpiHostDriverTest {

  private final VirtualClock clock = new VirtualClock();
  private final SpiNorChip chip;
  private final org.flashstack.api.media.FlashMedia media;
  private final OpenTitanSpiHost model;
  private final OpenTitanSpiHostDriver driver;
  private final SpiSettings settings = SpiSettings.of(25_000_000);

  OpenTitanSpiHostDriverTest() throws IOException, SpiException {
    ChipPart part = ChipCatalog.builtIn().part("W25Q128JV");
    media = NorMedia.open(MediaSpec.ram("flash0", part.size(), part.smallestErase()));
    chip = new SpiNorChip("flash0", part, media, clock, SfdpTableBuilder.sfdpOf(part));
    SpiTarget[] targets = {chip, null};
    model =
        new OpenTitanSpiHost(
            "spihost0",
            2,
            OpenTitanSpiHost.CommandLayout.V3,
            100_000_000,
            clock,
            cs -> targets[cs]);
    driver = new OpenTitanSpiHostDriver("spi0", model, clock, 2, 100_000_000, false);
    driver.initialize();
  }

  private byte[] jedecId(int cs) throws SpiException {
    byte[] id = new byte[3];
    driver.transfer(
        cs,
        settings,
        List.of(SpiSegment.transmit((byte) 0x9f), SpiSegment.receive(SpiLanes.SINGLE, id, 0, 3)));
    return id;
  }

  private int status() throws SpiException {
    byte[] sr = new byte[1];
    driver.transfer(
        0,
        settings,
        List.of(SpiSegment.transmit((byte) 0x05), SpiSegment.receive(SpiLanes.SINGLE, sr, 0, 1)));
    return sr[0] & 0xff;
  }

  @Test
  void clockDividerIsNeverFasterThanAsked() {
    assertEquals(1, OpenTitanSpiHostDriver.clockDivider(100_000_000, 25_000_000), "25 MHz exactly");
    assertEquals(
        2, OpenTitanSpiHostDriver.clockDivider(100_000_000, 20_000_000), "16.7 MHz, not 25");
    assertEquals(0, OpenTitanSpiHostDriver.clockDivider(100_000_000, 80_000_000), "50 MHz at most");
    assertEquals(0xffff, OpenTitanSpiHostDriver.clockDivider(100_000_000, 1));
  }

  @Test
  void readsTheJedecIdThroughTheRegisters() throws SpiException {
    assertArrayEquals(new byte[] {(byte) 0xef, 0x40, 0x18}, jedecId(0));
    assertArrayEquals(new byte[] {-1, -1, -1}, jedecId(1), "a chip select with no chip floats");
  }

  @Test
  void programsAPageAndReadsItBackInEveryMode() throws SpiException {
    byte[] page = new byte[256];
    new Random(8).nextBytes(page);
    driver.transfer(0, settings, List.of(SpiSegment.transmit((byte) 0x06)));
    driver.transfer(
        0,
        settings,
        List.of(
            SpiSegment.transmit((byte) 0x02, (byte) 0x01, (byte) 0x00, (byte) 0x00),
            SpiSegment.transmit(SpiLanes.SINGLE, page, 0, page.length)));
    assertTrue((status() & 1) != 0, "WIP after the page program");
    while ((status() & 1) != 0) {
      clock.pause(100_000);
    }
    byte[] back = new byte[65536];
    driver.transfer(
        0,
        settings,
        List.of(
            SpiSegment.transmit((byte) 0x0b, (byte) 0x01, (byte) 0x00, (byte) 0x00),
            SpiSegment.dummy(8),
            SpiSegment.receive(SpiLanes.SINGLE, back, 0, back.length)));
    assertArrayEquals(
        page, java.util.Arrays.copyOf(back, 256), "fast read of 64 KiB through the FIFOs");
    assertEquals((byte) 0xff, back[256]);
    driver.transfer(0, settings, List.of(SpiSegment.transmit((byte) 0x06)));
    driver.transfer(0, settings, List.of(SpiSegment.transmit((byte) 0x31, (byte) 0x02)));
    clock.advance(100_000_000);
    byte[] quad = new byte[256];
    byte[] address = {0x01, 0x00, 0x00};
    driver.transfer(
        0,
        settings,
        List.of(
            SpiSegment.transmit((byte) 0xeb),
            SpiSegment.transmit(SpiLanes.QUAD, address, 0, 3),
            SpiSegment.dummy(6),
            SpiSegment.receive(SpiLanes.QUAD, quad, 0, quad.length)));
    assertArrayEquals(page, quad, "1-4-4 quad read");
    assertEquals(0, chip.busConflicts());
  }

  @Test
  void aV2ControllerSplitsLongSegments() throws Exception {
    OpenTitanSpiHost v2 =
        new OpenTitanSpiHost(
            "spihost1", 1, OpenTitanSpiHost.CommandLayout.V2, 100_000_000, clock, cs -> chip);
    OpenTitanSpiHostDriver old =
        new OpenTitanSpiHostDriver("spi1", v2, clock, 1, 100_000_000, true);
    old.initialize();
    byte[] sfdp = new byte[2000];
    old.transfer(
        0,
        settings,
        List.of(
            SpiSegment.transmit((byte) 0x5a, (byte) 0, (byte) 0, (byte) 0),
            SpiSegment.dummy(8),
            SpiSegment.receive(SpiLanes.SINGLE, sfdp, 0, sfdp.length)));
    assertEquals('S', sfdp[0]);
    assertEquals((byte) 0xff, sfdp[1999], "past the table");
    assertTrue(v2.segmentsRun() >= 5, "2000 bytes in segments of at most 512");
  }

  @Test
  void badRequestsAreRefusedAndTheControllerWorksOn() throws SpiException {
    assertEquals(
        SpiException.Reason.INVALID_REQUEST,
        assertThrows(SpiException.class, () -> jedecId(2)).reason());
    byte[] octal = new byte[4];
    SpiException e =
        assertThrows(
            SpiException.class,
            () ->
                driver.transfer(
                    0,
                    settings,
                    List.of(
                        SpiSegment.transmit((byte) 0x9f),
                        SpiSegment.receive(SpiLanes.OCTAL, octal, 0, 4))));
    assertTrue(e.getMessage().contains("no octal mode"), e.getMessage());
    assertArrayEquals(new byte[] {(byte) 0xef, 0x40, 0x18}, jedecId(0), "recovered by SW_RST");
  }

  @Test
  void aControllerErrorIsReportedAndRecovered() throws SpiException {
    model.read(0x24, 4);
    SpiException e = assertThrows(SpiException.class, () -> jedecId(0));
    assertEquals(SpiException.Reason.CONTROLLER_ERROR, e.reason());
    assertTrue(e.getMessage().contains("UNDERFLOW"), e.getMessage());
    assertArrayEquals(new byte[] {(byte) 0xef, 0x40, 0x18}, jedecId(0));
  }

  @Test
  void aDisabledControllerTimesOut() throws SpiException {
    model.write(0x10, 4, 0);
    SpiException e = assertThrows(SpiException.class, () -> jedecId(0));
    assertEquals(SpiException.Reason.TIMEOUT, e.reason(), e.getMessage());
    assertArrayEquals(new byte[] {(byte) 0xef, 0x40, 0x18}, jedecId(0), "enabled again");
  }

  /** A fast read (0Bh) of {@code length} bytes at 0x020000 through {@code host}. */
  private static byte[] fastRead(OpenTitanSpiHostDriver host, SpiSettings settings, int length)
      throws SpiException {
    byte[] back = new byte[length];
    host.transfer(
        0,
        settings,
        List.of(
            SpiSegment.transmit((byte) 0x0b, (byte) 0x02, (byte) 0x00, (byte) 0x00),
            SpiSegment.dummy(8),
            SpiSegment.receive(SpiLanes.SINGLE, back, 0, length)));
    return back;
  }

  @Test
  void longReadsByDmaAndByTheProcessorReceiveTheSameBytesInTheSameTime() throws SpiException {
    byte[] content = new byte[70_003];
    new Random(9).nextBytes(content);
    media.program(0x20000, content, 0, content.length);
    long start = clock.now();
    byte[] byDma = fastRead(driver, settings, content.length);
    long dmaNanos = clock.now() - start;
    assertArrayEquals(content, byDma, "a receive segment drained by DMA, tail bytes by the CPU");
    OpenTitanSpiHostDriver processor =
        new OpenTitanSpiHostDriver("spi0", model, clock, 2, 100_000_000, false, false);
    start = clock.now();
    byte[] byProcessor = fastRead(processor, settings, content.length);
    long processorNanos = clock.now() - start;
    assertArrayEquals(content, byProcessor, "the same segment drained by RXDATA reads");
    long busNanos = (content.length + 5) * 8 * 40L;
    assertTrue(
        dmaNanos >= busNanos && processorNanos >= busNanos,
        "both take at least the bus time: " + dmaNanos + " and " + processorNanos + " ns");
    assertTrue(
        Math.abs(dmaNanos - processorNanos) < busNanos / 10,
        "and about the same: " + dmaNanos + " and " + processorNanos + " ns");
    OpenTitanSpiHost noChannel =
        new OpenTitanSpiHost(
            "spihost1",
            1,
            OpenTitanSpiHost.CommandLayout.V3,
            100_000_000,
            clock,
            cs -> chip,
            false);
    OpenTitanSpiHostDriver plain =
        new OpenTitanSpiHostDriver("spi1", noChannel, clock, 1, 100_000_000, false);
    plain.initialize();
    assertArrayEquals(
        content, fastRead(plain, settings, content.length), "no DMA channel wired: the CPU");
    assertEquals(0, chip.busConflicts());
  }
}
