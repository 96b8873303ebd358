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

    Board(ChipPart part) throws Exception {
      chip =
          new SpiNorChip(
              "flash0",
              part,
              NorMedia.open(MediaSpec.ram("flash0", part.size(), part.smallestErase())),
              clock,
              SfdpTableBuilder.sfdpOf(part));
      SpiTarget[] targets = {chip, null};
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
      SpiNorFlashDriver driver = new SpiNorFlashDriver(clock, SpiNorOptions.DEFAULT);
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
}
