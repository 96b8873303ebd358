package org.flashstack.driver.spinor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.fault.FaultKind;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.api.fault.OperationSchedule;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.spi.SpiBinding;
import org.flashstack.api.spi.SpiDevice;
import org.flashstack.api.spi.SpiSettings;
import org.flashstack.api.spi.SpiTarget;
import org.flashstack.clock.VirtualClock;
import org.flashstack.driver.opentitan.spihost.OpenTitanSpiHostDriver;
import org.flashstack.driver.spi.mux.SpiMux;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.hw.opentitan.spihost.OpenTitanSpiHost;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.flashstack.hw.spinor.SfdpTableBuilder;
import org.flashstack.hw.spinor.SpiNorChip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalog part, learnt from its SFDP alone and driven through the whole SPI path: SPI NOR
 * driver, SPI virtualizer, OpenTitan SPI host driver, SPI_HOST registers, chip, media.
 */
class SpiNorFlashDriverTest {

  static Stream<ChipPart> parts() {
    return ChipCatalog.builtIn().parts().stream();
  }

  /** The whole stack for one chip on CS0 of a two-chip-select host. */
  static final class Board {
    final VirtualClock clock = new VirtualClock();
    final SpiNorChip chip;
    final SpiDevice device;
    final SpiTarget[] targets = new SpiTarget[2];

    Board(ChipPart part) throws Exception {
      this(part, SfdpTableBuilder.sfdpOf(part));
    }

    /** The chip answers Read SFDP with {@code sfdp}; an empty space is a chip without SFDP. */
    Board(ChipPart part, byte[] sfdp) throws Exception {
      chip =
          new SpiNorChip(
              "flash0",
              part,
              NorMedia.open(MediaSpec.ram("flash0", part.size(), part.smallestErase())),
              clock,
              sfdp);
      targets[0] = chip;
      OpenTitanSpiHost model =
          new OpenTitanSpiHost(
              "spihost0",
              2,
              OpenTitanSpiHost.CommandLayout.V3,
              100_000_000,
              clock,
              cs -> targets[cs]);
      OpenTitanSpiHostDriver host =
          new OpenTitanSpiHostDriver("spi0", model, clock, 2, 100_000_000, false);
      host.initialize();
      device = new SpiMux(host, 1000).device("flash0", 0, SpiSettings.of(50_000_000));
    }

    FlashHardware hardware(SpiDevice spi) {
      return new FlashHardware() {
        @Override
        public String name() {
          return spi.name();
        }

        @Override
        public Map<String, Object> properties() {
          return Map.of(
              DeviceProperties.NAME,
              spi.name(),
              DeviceProperties.COMPATIBLE,
              SpiBinding.COMPATIBLE_SPI_NOR);
        }

        @Override
        public <T> Optional<T> as(Class<T> type) {
          return type == SpiDevice.class ? Optional.of(type.cast(spi)) : Optional.empty();
        }
      };
    }

    FlashDevice attach() throws FlashException {
      return attach(SpiNorOptions.DEFAULT);
    }

    FlashDevice attach(SpiNorOptions options) throws FlashException {
      SpiNorFlashDriver driver = new SpiNorFlashDriver(clock, options);
      assertTrue(driver.supports(hardware(device)));
      return driver.attach(hardware(device));
    }
  }

  @ParameterizedTest
  @MethodSource("parts")
  void everyPartIsLearntFromItsSfdpAndDriven(ChipPart part) throws Exception {
    Board board = new Board(part);
    FlashDevice flash = board.attach();
    SpiNorParameters parameters = flash.detail(SpiNorParameters.class).orElseThrow();
    assertEquals(part.size(), flash.geometry().size(), "density from SFDP DWORD 2");
    assertEquals(part.jedecId()[0] & 0xff, flash.identity().manufacturerId());
    assertEquals(part.pageSize(), parameters.pageSize());
    assertArrayEquals(
        part.jedecId(), parameters.jedecId(), "RDID: the ID's own bytes, not its repeat");
    byte[] data = new byte[3 * part.pageSize() + 17];
    new Random(part.name().hashCode()).nextBytes(data);
    long[] places = {
      0, part.size() / 2, part.size() - 2 * flash.geometry().blockSizeAt(part.size() - 1)
    };
    for (long at : places) {
      long block = flash.geometry().blockStart(at);
      long span = flash.geometry().blockSizeAt(at);
      while (span < data.length + 10) {
        span += flash.geometry().blockSizeAt(block + span);
      }
      flash.erase(block, span);
      flash.program(block + 10, data, 0, data.length);
      byte[] back = new byte[data.length];
      flash.read(block + 10, back, 0, back.length);
      assertArrayEquals(
          data,
          back,
          part.name() + " at 0x" + Long.toHexString(at) + " read " + parameters.read().mode());
      flash.erase(block, span);
      flash.read(block + 10, back, 0, back.length);
      for (byte b : back) {
        assertEquals((byte) 0xff, b, "erased");
      }
    }
    assertEquals(0, board.chip.busConflicts());
    if (part.reads().stream().anyMatch(read -> read.mode().equals("1-4-4"))
        && !part.sfdp().revision().equals("1.0")) {
      assertEquals("1-4-4", parameters.read().mode(), "the fastest read both sides support");
    }
  }

  @Test
  void theIssiTableIsCorrectedVisibly() throws Exception {
    FlashDevice flash = new Board(ChipCatalog.builtIn().part("IS25WP256")).attach();
    SpiNorParameters parameters = flash.detail(SpiNorParameters.class).orElseThrow();
    assertEquals(4, parameters.addressBytes());
    assertTrue(
        parameters.corrections().stream().anyMatch(c -> c.contains("claims 3-byte addressing")),
        parameters.corrections().toString());
  }

  @Test
  void aHybridPartGetsItsSectorMapAsGeometry() throws Exception {
    FlashDevice flash = new Board(ChipCatalog.builtIn().part("S25FL256S")).attach();
    assertEquals(4096, flash.geometry().blockSizeAt(0), "4 KiB parameter sectors at the bottom");
    assertEquals(65536, flash.geometry().blockSizeAt(0x20000));
    assertTrue(flash.detail(SpiNorParameters.class).orElseThrow().fourByteOpcodes());
  }

  @Test
  void aProtectedRangeIsRefusedAsProtected() throws Exception {
    Board board = new Board(ChipCatalog.builtIn().part("W25Q128JV"));
    FlashDevice flash = board.attach();
    SpiDevice spi = board.device;
    new SpiNorBus(spi, board.clock).writeEnable("test", 0);
    new SpiNorBus(spi, board.clock).command("test", 0x01, 0x04);
    board.clock.advance(100_000_000);
    FlashException e =
        assertThrows(
            FlashException.class,
            () -> flash.program(board.chip.part().size() - 4096, new byte[] {1, 2}, 0, 2));
    assertEquals(FlashError.PROTECTED, e.error(), e.getMessage());
    flash.program(0, new byte[] {1, 2}, 0, 2);
  }

  @Test
  void aMissingChipIsAClearError() throws Exception {
    Board board = new Board(ChipCatalog.builtIn().part("W25Q128JV"));
    SpiDevice cs1 =
        new SpiDevice() {
          @Override
          public String name() {
            return "flash1";
          }

          @Override
          public String bus() {
            return "spi0";
          }

          @Override
          public int chipSelect() {
            return 1;
          }

          @Override
          public SpiSettings settings() {
            return board.device.settings();
          }

          @Override
          public void transfer(java.util.List<org.flashstack.api.spi.SpiSegment> segments)
              throws org.flashstack.api.spi.SpiException {
            for (org.flashstack.api.spi.SpiSegment segment : segments) {
              if (segment.direction() == org.flashstack.api.spi.SpiSegment.Direction.RECEIVE) {
                java.util.Arrays.fill(
                    segment.data(),
                    segment.offset(),
                    segment.offset() + segment.length(),
                    (byte) 0xff);
              }
            }
          }
        };
    FlashException e =
        assertThrows(
            FlashException.class,
            () ->
                new SpiNorFlashDriver(board.clock, SpiNorOptions.DEFAULT)
                    .attach(board.hardware(cs1)));
    assertEquals(FlashError.UNAVAILABLE, e.error());
    assertTrue(e.getMessage().contains("no chip answers on spi0 chip select 1"), e.getMessage());
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> partsAndLanes() {
    return parts()
        .flatMap(
            part ->
                Stream.of(1, 2, 4)
                    .map(lanes -> org.junit.jupiter.params.provider.Arguments.of(part, lanes)));
  }

  /** Each read mode the controller's lanes allow: 0Bh on one lane, dual, quad. */
  @ParameterizedTest
  @MethodSource("partsAndLanes")
  void everyReadModeReadsTheSameBytes(ChipPart part, int lanes) throws Exception {
    Board board = new Board(part);
    FlashDevice flash = board.attach(new SpiNorOptions(lanes, true, true));
    SpiNorParameters.ReadMode mode = flash.detail(SpiNorParameters.class).orElseThrow().read();
    assertTrue(
        mode.dataLanes().width() <= lanes && mode.addressLanes().width() <= lanes, mode.toString());
    byte[] data = new byte[300];
    new Random(lanes).nextBytes(data);
    flash.erase(0, flash.geometry().blockSizeAt(0));
    flash.program(5, data, 0, data.length);
    byte[] back = new byte[data.length];
    flash.read(5, back, 0, back.length);
    assertArrayEquals(data, back, part.name() + " read " + mode.mode());
  }

  /** Raw commands that never set WEL: whatever they are, no byte of the chip changes. */
  @Test
  void hostileRawCommandsChangeNoByte() throws Exception {
    Board board = new Board(ChipCatalog.builtIn().part("W25Q256JV"));
    FlashDevice flash = board.attach();
    byte[] data = {1, 2, 3, 4};
    flash.erase(0, 4096);
    flash.program(0, data, 0, 4);
    SpiNorRaw raw = flash.detail(SpiNorRaw.class).orElseThrow();
    Random random = new Random(13);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[1 + random.nextInt(12)];
      random.nextBytes(bytes);
      if (bytes[0] == 0x06 || bytes[0] == 0x50 || bytes[0] == (byte) 0xb9) {
        bytes[0] = 0x00;
      }
      byte[] in = new byte[random.nextInt(8) + 1];
      raw.transfer(
          java.util.List.of(
              org.flashstack.api.spi.SpiSegment.transmit(bytes),
              org.flashstack.api.spi.SpiSegment.receive(
                  org.flashstack.api.spi.SpiLanes.SINGLE, in, 0, in.length)));
    }
    board.clock.advance(10_000_000_000L);
    byte[] back = new byte[4];
    flash.read(0, back, 0, 4);
    assertArrayEquals(data, back);
    assertEquals(0, board.chip.busConflicts());
  }

  /** A chip that stops answering: a clear error, and the same data once it is back. */
  @Test
  void aChipThatStopsAnsweringIsAClearErrorAndNothingIsLost() throws Exception {
    Board board = new Board(ChipCatalog.builtIn().part("MX25L25635F"));
    FlashDevice flash = board.attach();
    byte[] data = {9, 8, 7};
    flash.erase(0x10000, 4096);
    flash.program(0x10000, data, 0, 3);
    board.targets[0] = null;
    FlashException e = assertThrows(FlashException.class, () -> flash.program(0x10010, data, 0, 3));
    assertEquals(FlashError.UNAVAILABLE, e.error());
    assertTrue(
        e.getMessage().contains("the chip does not answer on spi0 chip select 0"), e.getMessage());
    board.targets[0] = board.chip;
    byte[] back = new byte[3];
    flash.read(0x10000, back, 0, 3);
    assertArrayEquals(data, back, "the host was recovered and the chip kept its data");
  }

  /** A part no catalog code path names: an entry made up here, learnt from its SFDP alone. */
  @Test
  void aPartNobodyHasHeardOfWorksFromItsSfdp() throws Exception {
    String json =
        new String(
            SpiNorFlashDriverTest.class.getResourceAsStream("/unknown-part.json").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    ChipPart part = ChipCatalog.read("unknown-part.json", new java.io.StringReader(json));
    FlashDevice flash = new Board(part).attach();
    assertEquals(8L << 20, flash.geometry().size());
    assertEquals(0x5a, flash.identity().manufacturerId());
    flash.erase(0, 4096);
    flash.program(0, new byte[] {0x42}, 0, 1);
    byte[] back = new byte[1];
    flash.read(0, back, 0, 1);
    assertEquals(0x42, back[0]);
  }

  /**
   * A program or erase the cells did not take is never reported done: Micron's flag status names a
   * failure of the cells ({@code DEVICE_FAULT}); elsewhere the read-back refuses it, or a part that
   * holds WIP after a failure (Spansion's P_ERR, E_ERR) times out.
   */
  @ParameterizedTest
  @MethodSource("parts")
  void programAndEraseFailuresInTheCellsAreNeverReportedDone(ChipPart part) throws Exception {
    Board board = new Board(part);
    FlashDevice flash = board.attach();
    long block = flash.geometry().regions().get(0).blockSize();
    byte[] data = new byte[256];
    new Random(9).nextBytes(data);
    data[0] = 0; // at least one 1 to 0 transition in the first byte
    board
        .chip
        .media()
        .faults()
        .apply(FaultPlan.NONE.withProgramFailures(new OperationSchedule.Every(1)));
    FlashException program =
        assertThrows(FlashException.class, () -> flash.program(block, data, 0, data.length));
    assertTrue(
        program.error() == FlashError.DEVICE_FAULT
            || program.error() == FlashError.PROTECTED
            || program.error() == FlashError.TIMEOUT,
        program.getMessage());
    if (part.jedecId()[0] == (byte) FlagStatus.MICRON) {
      assertEquals(FlashError.DEVICE_FAULT, program.error(), program.getMessage());
      assertTrue(
          program.getMessage().contains("program failed in the cells"), program.getMessage());
    }
    if (program.error() == FlashError.TIMEOUT) {
      return; // Spansion's P_ERR holds WIP until CLSR (30h), which this generic driver never sends
    }
    board
        .chip
        .media()
        .faults()
        .apply(FaultPlan.NONE.withEraseFailures(new OperationSchedule.Every(1)));
    FlashException erase = assertThrows(FlashException.class, () -> flash.erase(block, block));
    if (part.jedecId()[0] == (byte) FlagStatus.MICRON) {
      assertEquals(FlashError.DEVICE_FAULT, erase.error(), erase.getMessage());
    }
    assertTrue(board.chip.media().faults().counts().get(FaultKind.ERASE_FAILURE) >= 1);
  }
}
