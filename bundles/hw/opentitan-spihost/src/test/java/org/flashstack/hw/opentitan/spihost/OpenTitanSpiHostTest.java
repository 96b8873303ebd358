package org.flashstack.hw.opentitan.spihost;

import static org.flashstack.api.opentitan.SpiHostRegisters.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.spi.SpiTarget;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.flashstack.hw.spinor.SfdpTableBuilder;
import org.flashstack.hw.spinor.SpiNorChip;
import org.junit.jupiter.api.Test;

/** The SPI_HOST register model against a real catalog chip on chip select 0 (1 is not wired). */
class OpenTitanSpiHostTest {

  private final VirtualClock clock = new VirtualClock();
  private final SpiNorChip chip;
  private final org.flashstack.api.media.FlashMedia media;
  private final OpenTitanSpiHost host;

  OpenTitanSpiHostTest() throws IOException {
    ChipPart part = ChipCatalog.builtIn().part("W25Q128JV");
    media = NorMedia.open(MediaSpec.ram("flash0", part.size(), part.smallestErase()));
    chip = new SpiNorChip("flash0", part, media, clock, SfdpTableBuilder.sfdpOf(part));
    SpiTarget[] targets = {chip, null};
    host =
        new OpenTitanSpiHost(
            "spi0", 2, OpenTitanSpiHost.CommandLayout.V3, 100_000_000, clock, cs -> targets[cs]);
  }

  private int read(int register) {
    return (int) host.read(register, 4);
  }

  private void write(int register, int value) {
    host.write(register, 4, value & 0xffffffffL);
  }

  private static int command(int length, int direction, int speed, boolean csaat) {
    return (length - 1) << COMMAND_V3_LEN_SHIFT
        | direction << COMMAND_V3_DIRECTION_SHIFT
        | speed << COMMAND_V3_SPEED_SHIFT
        | (csaat ? COMMAND_V3_CSAAT : 0);
  }

  private void enable() {
    write(CONTROL, CONTROL_SPIEN | CONTROL_OUTPUT_EN | CONTROL_RESET);
  }

  /** Waits on the clock as a polling driver does until ACTIVE clears. */
  private void waitIdle() {
    for (int i = 0; i < 10_000 && (read(STATUS) & STATUS_ACTIVE) != 0; i++) {
      clock.pause(1_000_000);
    }
    assertEquals(0, read(STATUS) & STATUS_ACTIVE, "the segments complete");
  }

  private byte[] jedecId() {
    write(TXDATA, 0x9f);
    write(COMMAND, command(1, DIRECTION_TX, SPEED_STANDARD, true));
    write(COMMAND, command(3, DIRECTION_RX, SPEED_STANDARD, false));
    waitIdle();
    int word = read(RXDATA);
    return new byte[] {
      (byte) word, (byte) (word >>> 8), (byte) (word >>> 16), (byte) (word >>> 24)
    };
  }

  @Test
  void resetValuesAsTheRegisterMapGivesThem() {
    assertEquals(0x7f, read(CONTROL), "CONTROL: RX_WATERMARK 127");
    assertEquals(0x1f, read(ERROR_ENABLE));
    assertEquals(0, read(ERROR_STATUS));
    int status = read(STATUS);
    assertTrue((status & STATUS_READY) != 0);
    assertTrue((status & STATUS_TXEMPTY) != 0);
    assertTrue((status & STATUS_RXEMPTY) != 0);
    assertTrue((status & STATUS_BYTEORDER) != 0, "little endian");
    assertEquals(0, status & STATUS_ACTIVE);
  }

  @Test
  void aJedecIdReadIsATransmitThenAReceiveWithCsHeld() {
    enable();
    assertArrayEquals(
        new byte[] {(byte) 0xef, 0x40, 0x18, 0},
        jedecId(),
        "3 bytes received; the partial word is zero-padded in its high byte");
    assertEquals(2, host.segmentsRun());
    assertEquals(0, chip.busConflicts());
  }

  @Test
  void segmentsTakeTimeInProportionToClkdivAndLanes() {
    enable();
    write(CONFIGOPTS, 4);
    for (int i = 0; i < 16; i++) {
      write(TXDATA, 0);
    }
    long start = clock.now();
    write(TXDATA, 0x9f);
    write(COMMAND, command(1, DIRECTION_TX, SPEED_STANDARD, true));
    write(COMMAND, command(64, DIRECTION_RX, SPEED_STANDARD, false));
    assertTrue((read(STATUS) & STATUS_ACTIVE) != 0, "ACTIVE while the segments run");
    waitIdle();
    long sck = 2 * (4 + 1) * 10;
    assertTrue(
        clock.now() - start >= 65 * 8 * sck,
        "65 bytes at SCK = 2 (CLKDIV + 1) core periods: " + (clock.now() - start) + " ns");
    assertEquals(16, (read(STATUS) >>> STATUS_RXQD_SHIFT) & 0xff, "64 bytes = 16 words");
  }

  @Test
  void aQuadReadClocksAddressAndDataOnFourLanes() {
    enable();
    chip.select();
    chip.transmit(new byte[] {0x06}, 0, 1, org.flashstack.api.spi.SpiLanes.SINGLE);
    chip.deselect();
    chip.select();
    chip.transmit(
        new byte[] {0x02, 0, 0x10, 0, 1, 2, 3, 4, 5}, 0, 9, org.flashstack.api.spi.SpiLanes.SINGLE);
    chip.deselect();
    clock.advance(10_000_000);
    chip.select();
    chip.transmit(new byte[] {0x06}, 0, 1, org.flashstack.api.spi.SpiLanes.SINGLE);
    chip.deselect();
    chip.select();
    chip.transmit(new byte[] {0x31, 0x02}, 0, 2, org.flashstack.api.spi.SpiLanes.SINGLE);
    chip.deselect();
    clock.advance(100_000_000);
    write(TXDATA, 0xeb);
    host.write(TXDATA, 1, 0x00);
    host.write(TXDATA, 2, 0x0010);
    write(COMMAND, command(1, DIRECTION_TX, SPEED_STANDARD, true));
    write(COMMAND, command(3, DIRECTION_TX, SPEED_QUAD, true));
    write(COMMAND, command(6, DIRECTION_DUMMY, SPEED_QUAD, true));
    write(COMMAND, command(5, DIRECTION_RX, SPEED_QUAD, false));
    waitIdle();
    assertEquals(0x04030201, read(RXDATA));
    assertEquals(0x05, read(RXDATA), "the fifth byte, zero-padded");
  }

  @Test
  void anUnwiredChipSelectReadsAFloatingBus() {
    enable();
    write(CSID, 1);
    write(TXDATA, 0x9f);
    write(COMMAND, command(1, DIRECTION_TX, SPEED_STANDARD, true));
    write(COMMAND, command(4, DIRECTION_RX, SPEED_STANDARD, false));
    waitIdle();
    assertEquals(0xffffffff, read(RXDATA));
  }

  @Test
  void errorsLatchHaltAndRaiseTheInterruptUntilCleared() {
    enable();
    write(INTR_ENABLE, INTR_ERROR);
    read(RXDATA);
    assertEquals(ERROR_UNDERFLOW, read(ERROR_STATUS), "RXDATA read while empty: UNDERFLOW");
    assertTrue(host.errorInterrupt());
    write(TXDATA, 0x9f);
    write(COMMAND, command(1, DIRECTION_TX, SPEED_STANDARD, false));
    clock.pause(1_000_000);
    assertTrue((read(STATUS) & STATUS_ACTIVE) != 0, "halted: the command waits");
    write(INTR_STATE, INTR_ERROR);
    assertTrue(host.errorInterrupt(), "clearing INTR_STATE before ERROR_STATUS: it repeats");
    write(ERROR_STATUS, ERROR_UNDERFLOW);
    write(INTR_STATE, INTR_ERROR);
    assertFalse(host.errorInterrupt());
    waitIdle();
    write(CSID, 2);
    write(COMMAND, command(1, DIRECTION_RX, SPEED_STANDARD, false));
    assertEquals(ERROR_CSIDINVAL, read(ERROR_STATUS), "CSID >= NumCS");
    write(ERROR_STATUS, -1);
    write(CSID, 0);
    write(COMMAND, command(1, DIRECTION_BIDIR, SPEED_QUAD, false));
    assertEquals(ERROR_CMDINVAL, read(ERROR_STATUS), "bidirectional at quad speed");
    write(ERROR_STATUS, -1);
    write(COMMAND, command(1, DIRECTION_RX, 3, false));
    assertEquals(ERROR_CMDINVAL, read(ERROR_STATUS), "SPEED = 3");
    write(ERROR_STATUS, -1);
    write(CONTROL, CONTROL_RESET);
    for (int i = 0; i < COMMAND_FIFO_DEPTH; i++) {
      write(COMMAND, command(1, DIRECTION_DUMMY, SPEED_STANDARD, false));
    }
    assertEquals(0, read(STATUS) & STATUS_READY, "four commands fill the command FIFO");
    write(COMMAND, command(1, DIRECTION_DUMMY, SPEED_STANDARD, false));
    assertEquals(ERROR_CMDBUSY, read(ERROR_STATUS), "COMMAND while not READY");
    write(ERROR_STATUS, -1);
    for (int i = 0; i < TX_FIFO_WORDS; i++) {
      write(TXDATA, i);
    }
    assertTrue((read(STATUS) & STATUS_TXFULL) != 0);
    write(TXDATA, 0);
    assertEquals(ERROR_OVERFLOW, read(ERROR_STATUS), "TXDATA while TXFULL");
  }

  @Test
  void queueDepthsAndWatermarksFollowTheFifoLevels() {
    write(CONTROL, CONTROL_OUTPUT_EN | 2 << CONTROL_TX_WATERMARK_SHIFT | 3);
    int status = read(STATUS);
    assertTrue((status & STATUS_TXWM) != 0, "TXQD 0 < TX_WATERMARK 2");
    assertEquals(0, status & STATUS_RXWM, "RXQD 0 < RX_WATERMARK 3");
    write(TXDATA, 0x9f);
    write(TXDATA, 0);
    status = read(STATUS);
    assertEquals(2, status >>> STATUS_TXQD_SHIFT & 0xff, "TXQD counts words");
    assertEquals(0, status & STATUS_TXWM, "TXQD 2 is not below the watermark");
    assertEquals(0, status & STATUS_TXEMPTY);
    write(COMMAND, command(1, DIRECTION_TX, SPEED_STANDARD, true));
    write(COMMAND, command(12, DIRECTION_RX, SPEED_STANDARD, false));
    assertEquals(2, read(STATUS) >>> STATUS_CMDQD_SHIFT & 0xf, "SPIEN off: both commands wait");
    write(CONTROL, CONTROL_SPIEN | CONTROL_OUTPUT_EN | 2 << CONTROL_TX_WATERMARK_SHIFT | 3);
    waitIdle();
    status = read(STATUS);
    assertEquals(3, status >>> STATUS_RXQD_SHIFT & 0xff, "12 bytes are 3 words");
    assertTrue((status & STATUS_RXWM) != 0, "RXQD 3 >= RX_WATERMARK 3");
    assertEquals(0, status >>> STATUS_CMDQD_SHIFT & 0xf);
    read(RXDATA);
    assertEquals(0, read(STATUS) & STATUS_RXWM, "one word read: below the watermark again");
    assertEquals(0, read(ERROR_STATUS));
  }

  @Test
  void errorEnableMasksTheInterruptButNotTheLatchAndIntrTestRaisesIt() {
    enable();
    write(INTR_ENABLE, INTR_ERROR);
    write(ERROR_ENABLE, ERROR_ENABLE_RESET & ~ERROR_UNDERFLOW);
    read(RXDATA);
    assertEquals(ERROR_UNDERFLOW, read(ERROR_STATUS), "the error is recorded");
    assertFalse(host.errorInterrupt(), "a masked error raises no interrupt");
    write(ERROR_STATUS, ERROR_UNDERFLOW);
    write(INTR_TEST, INTR_ERROR);
    assertTrue(host.errorInterrupt(), "INTR_TEST sets INTR_STATE.error");
    assertEquals(0, read(INTR_TEST), "INTR_TEST is write-only");
    write(INTR_STATE, INTR_ERROR);
    assertFalse(host.errorInterrupt());
    write(INTR_ENABLE, 0);
    write(ERROR_ENABLE, ERROR_ENABLE_RESET);
    read(RXDATA);
    assertFalse(host.errorInterrupt(), "INTR_ENABLE.error off: the line stays low");
    assertEquals(INTR_ERROR, read(INTR_STATE) & INTR_ERROR, "while INTR_STATE records it");
  }

  @Test
  void softwareResetEmptiesTheFifosAndReleasesTheChip() {
    enable();
    write(TXDATA, 0x9f);
    write(COMMAND, command(1, DIRECTION_TX, SPEED_STANDARD, true));
    write(COMMAND, command(300, DIRECTION_RX, SPEED_STANDARD, false));
    clock.pause(10_000);
    write(CONTROL, CONTROL_SW_RST);
    write(CONTROL, CONTROL_SPIEN | CONTROL_OUTPUT_EN);
    int status = read(STATUS);
    assertEquals(0, status & STATUS_ACTIVE);
    assertTrue((status & STATUS_RXEMPTY) != 0 && (status & STATUS_TXEMPTY) != 0);
    assertArrayEquals(new byte[] {(byte) 0xef, 0x40, 0x18, 0}, jedecId(), "and it works on");
    assertEquals(0, chip.busConflicts(), "CS# was released by the reset");
  }

  @Test
  void aLongReadStallsOnAFullRxFifoAndResumesAsItDrains() {
    enable();
    write(TXDATA, 0x03);
    write(TXDATA, 0);
    write(COMMAND, command(4, DIRECTION_TX, SPEED_STANDARD, true));
    write(COMMAND, command(1024, DIRECTION_RX, SPEED_STANDARD, false));
    for (int i = 0; i < 100; i++) {
      clock.pause(1_000_000);
    }
    int status = read(STATUS);
    assertTrue(
        (status & STATUS_RXFULL) != 0 && (status & STATUS_RXSTALL) != 0,
        "RX stall " + Integer.toHexString(status));
    int words = 0;
    while ((read(STATUS) & STATUS_ACTIVE) != 0 || (read(STATUS) & STATUS_RXEMPTY) == 0) {
      if ((read(STATUS) & STATUS_RXEMPTY) == 0) {
        assertEquals(-1, read(RXDATA), "erased flash");
        words++;
      } else {
        clock.pause(1_000_000);
      }
    }
    assertEquals(256, words, "1024 bytes through a 64-word FIFO");
    assertEquals(0, read(ERROR_STATUS));
  }

  @Test
  void theV2LayoutDecodesTheSameSegments() throws IOException {
    OpenTitanSpiHost v2 =
        new OpenTitanSpiHost(
            "spi1", 1, OpenTitanSpiHost.CommandLayout.V2, 100_000_000, clock, cs -> chip);
    v2.write(CONTROL, 4, CONTROL_SPIEN | CONTROL_OUTPUT_EN);
    v2.write(TXDATA, 4, 0x9f);
    v2.write(COMMAND, 4, COMMAND_V2_CSAAT | DIRECTION_TX << COMMAND_V2_DIRECTION_SHIFT);
    v2.write(COMMAND, 4, 2 | DIRECTION_RX << COMMAND_V2_DIRECTION_SHIFT);
    for (int i = 0; i < 100 && (v2.read(STATUS, 4) & STATUS_ACTIVE) != 0; i++) {
      clock.pause(1_000_000);
    }
    assertEquals(0x1840ef, v2.read(RXDATA, 4));
  }

  @Test
  void onlyRegisterAccessesAreDecoded() {
    assertThrows(MmioAccessException.class, () -> host.read(STATUS, 2));
    assertThrows(MmioAccessException.class, () -> host.read(0x38, 4));
    assertThrows(MmioAccessException.class, () -> host.write(TXDATA + 1, 2, 0));
    assertThrows(MmioAccessException.class, () -> host.read(RXDATA, 1));
    host.write(TXDATA + 3, 1, 0x55);
    assertEquals(1, (read(STATUS) >>> STATUS_TXQD_SHIFT) & 0xff, "a byte write is a FIFO word");
  }

  @Test
  void spiEventFollowsTheEnabledConditions() {
    enable();
    write(INTR_ENABLE, INTR_SPI_EVENT);
    assertFalse(host.eventInterrupt());
    write(EVENT_ENABLE, EVENT_IDLE);
    assertTrue(host.eventInterrupt(), "IDLE holds");
    write(TXDATA, 0x9f);
    write(COMMAND, command(1, DIRECTION_TX, SPEED_STANDARD, false));
    assertTrue((read(STATUS) & STATUS_ACTIVE) != 0);
    assertFalse(host.eventInterrupt(), "not idle while a segment runs");
    waitIdle();
    assertTrue(host.eventInterrupt());
  }

  /** The foundation's MMIO trace format replays against the SPI_HOST as against the CFI device. */
  @Test
  void anMmioTraceReplaysAgainstTheRegisters() throws Exception {
    org.flashstack.api.mmio.MmioTrace trace =
        org.flashstack.api.mmio.MmioTrace.parse(
            new String(
                getClass().getResourceAsStream("/jedec-id.trace").readAllBytes(),
                java.nio.charset.StandardCharsets.US_ASCII));
    java.util.List<String> printed = new java.util.ArrayList<>();
    org.flashstack.api.mmio.MmioTrace.ReplayResult result = trace.replay(host, printed::add);
    assertTrue(result.passed(), printed.toString());
    waitIdle();
    assertEquals(0x001840ef, read(RXDATA), "the W25Q128JV's ID, zero-padded");
  }

  /** Bytes {@code 0x1000..} of the array, with a pattern written straight into the media. */
  private byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    new java.util.Random(7).nextBytes(bytes);
    media.program(0x1000, bytes, 0, length);
    return bytes;
  }

  /** READ (03h) at 0x001000, then a receive segment of {@code length} bytes. */
  private void startRead(int length) {
    write(TXDATA, 0x00_10_00_03);
    write(COMMAND, command(4, DIRECTION_TX, SPEED_STANDARD, true));
    write(COMMAND, command(length, DIRECTION_RX, SPEED_STANDARD, false));
  }

  @Test
  void aRepeatedReadOfRxdataDrainsTheFifoAsSingleReadsWould() {
    byte[] expected = pattern(1024);
    enable();
    startRead(1024);
    byte[] got = new byte[1024];
    int at = 0;
    while (at < got.length) {
      int words = (read(STATUS) >>> STATUS_RXQD_SHIFT) & 0xff;
      if (words == 0) {
        clock.pause(1_000_000);
        continue;
      }
      host.readRepeated(RXDATA, 4, got, at, words);
      at += 4 * words;
    }
    assertArrayEquals(expected, got, "the byte stream, each word least significant byte first");
    assertEquals(0, read(ERROR_STATUS));
    byte[] more = {1, 2, 3, 4, 5, 6, 7, 8};
    host.readRepeated(RXDATA, 4, more, 0, 2);
    assertArrayEquals(new byte[8], more, "reads past the last word yield zero words");
    assertEquals(ERROR_UNDERFLOW, read(ERROR_STATUS), "and UNDERFLOW, as single reads would");
    assertThrows(
        MmioAccessException.class,
        () -> host.readRepeated(RXDATA, 2, new byte[8], 0, 2),
        "RXDATA takes word reads only");
  }

  @Test
  void aBulkReadWalksTheRegisterWindow() {
    byte[] window = new byte[8];
    host.readBulk(CONTROL, window, 0, 8);
    assertEquals(0x7f, window[0] & 0xff, "CONTROL first");
    assertEquals(STATUS_READY >>> 24, (window[7] & 0xff) & (STATUS_READY >>> 24), "then STATUS");
    assertThrows(MmioAccessException.class, () -> host.readBulk(CONTROL, new byte[2], 0, 2));
    assertThrows(
        MmioAccessException.class, () -> host.readBulk(WINDOW_SIZE - 4, new byte[8], 0, 8));
  }

  @Test
  void aDmaChannelDrainsALongReadPacedByTheFifoAndTakesTheBusTime() {
    byte[] expected = pattern(65536);
    enable();
    write(CONFIGOPTS, 0);
    assertTrue(host.dmaHandshake(RXDATA));
    assertFalse(host.dmaHandshake(STATUS), "only RXDATA raises DMA requests");
    long start = clock.now();
    startRead(65536);
    byte[] got = new byte[65536];
    assertEquals(16384, host.readDma(RXDATA, 4, got, 0, 16384, 100_000_000));
    assertArrayEquals(expected, got);
    long byteNanos = 8 * 2 * 10;
    assertTrue(
        clock.now() - start >= 65540 * byteNanos,
        "the bytes took their time on the bus: " + (clock.now() - start) + " ns");
    waitIdle();
    assertEquals(0, read(ERROR_STATUS));
    assertTrue((read(STATUS) & STATUS_RXEMPTY) != 0, "nothing left over in the FIFO");
  }

  @Test
  void aDmaChannelStopsWhereNoMoreDataWillCome() {
    pattern(64);
    enable();
    startRead(64);
    byte[] got = new byte[256];
    assertEquals(16, host.readDma(RXDATA, 4, got, 0, 64, 100_000_000), "a 64-byte segment");
    startRead(1024);
    assertEquals(
        0, host.readDma(RXDATA, 4, got, 0, 64, 0), "no time allowed: the FIFO had nothing yet");
    write(COMMAND, command(1, DIRECTION_RX, 3, false));
    assertEquals(ERROR_CMDINVAL, read(ERROR_STATUS));
    assertEquals(
        0, host.readDma(RXDATA, 4, got, 0, 64, 100_000_000), "a halted controller moves nothing");
    OpenTitanSpiHost unwired =
        new OpenTitanSpiHost(
            "spi2", 1, OpenTitanSpiHost.CommandLayout.V3, 100_000_000, clock, cs -> chip, false);
    assertFalse(unwired.dmaHandshake(RXDATA));
    assertThrows(
        MmioAccessException.class, () -> unwired.readDma(RXDATA, 4, new byte[4], 0, 1, 1000));
  }
}
