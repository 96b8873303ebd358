package org.flashstack.serprog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.api.spi.SpiBinding;
import org.flashstack.api.spi.SpiDevice;
import org.flashstack.api.spi.SpiException;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.api.spi.SpiSegment;
import org.flashstack.api.spi.SpiSettings;
import org.flashstack.driver.spinor.SpiNorFlashDriver;
import org.flashstack.driver.spinor.SpiNorOptions;
import org.flashstack.hw.spinor.SpiNorChip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The serprog client: an SPI controller through a serprog programmer (here FlashStack's own server
 * in front of a chip model), under the SPI NOR driver, which learns the chip from its SFDP.
 */
class SerprogSpiMasterTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  private static SpiDevice deviceOn(SerprogSpiMaster master) {
    SpiSettings settings = SpiSettings.of(20_000_000);
    return new SpiDevice() {
      @Override
      public String name() {
        return "ext0";
      }

      @Override
      public String bus() {
        return master.bus();
      }

      @Override
      public int chipSelect() {
        return 0;
      }

      @Override
      public SpiSettings settings() {
        return settings;
      }

      @Override
      public void transfer(List<SpiSegment> segments) throws SpiException {
        master.transfer(0, settings, segments);
      }
    };
  }

  @Test
  void theSpiNorDriverLearnsAndDrivesAChipThroughASerprogProgrammer() throws Exception {
    SpiNorChip chip = RealFlashromTest.chip("MX25L25635F");
    try (SerprogServer server =
            SerprogServer.start(
                new PacedBus(RealFlashromTest.busOf(chip), RealFlashromTest.CLOCK),
                InetAddress.getLoopbackAddress(),
                0,
                threads);
        SerprogSpiMaster master =
            SerprogSpiMaster.connect("ext0", "127.0.0.1", server.port(), Duration.ofSeconds(5))) {
      SpiDevice device = deviceOn(master);
      byte[] id = new byte[3];
      device.transfer(
          List.of(SpiSegment.transmit((byte) 0x9f), SpiSegment.receive(SpiLanes.SINGLE, id, 0, 3)));
      assertArrayEquals(new byte[] {(byte) 0xc2, 0x20, 0x19}, id);
      FlashHardware hardware =
          new FlashHardware() {
            @Override
            public String name() {
              return "ext0";
            }

            @Override
            public Map<String, Object> properties() {
              // serprog carries one lane: the device says so, and the driver keeps to it
              return Map.of(
                  DeviceProperties.NAME,
                  "ext0",
                  DeviceProperties.COMPATIBLE,
                  SpiBinding.COMPATIBLE_SPI_NOR,
                  SpiBinding.MAX_LANES,
                  1);
            }

            @Override
            public <T> Optional<T> as(Class<T> type) {
              return type == SpiDevice.class ? Optional.of(type.cast(device)) : Optional.empty();
            }
          };
      // a quad-capable driver; it waits on the chip's clock (a real chip's driver would wait in
      // real time)
      FlashDevice flash =
          new SpiNorFlashDriver(RealFlashromTest.CLOCK, SpiNorOptions.DEFAULT).attach(hardware);
      assertEquals(32L << 20, flash.geometry().size(), "size from SFDP");
      byte[] data = new byte[10_000];
      new Random(5).nextBytes(data);
      flash.erase(0x10000, 0x10000);
      flash.program(0x10000, data, 0, data.length);
      byte[] back = new byte[data.length];
      flash.read(0x10000, back, 0, back.length);
      assertArrayEquals(data, back);
      byte[] cells = new byte[data.length];
      chip.media().read(0x10000, cells, 0, cells.length);
      assertArrayEquals(data, cells, "the chip itself holds them");
      SpiException quad =
          assertThrows(
              SpiException.class,
              () -> device.transfer(List.of(SpiSegment.receive(SpiLanes.QUAD, new byte[4], 0, 4))));
      assertTrue(quad.getMessage().contains("serprog cannot carry QUAD lanes"), quad.getMessage());
    }
  }
}
