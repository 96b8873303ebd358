package org.flashstack.benchmarks;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.spi.SpiBinding;
import org.flashstack.api.spi.SpiDevice;
import org.flashstack.api.spi.SpiException;
import org.flashstack.api.spi.SpiSettings;
import org.flashstack.api.spi.SpiTarget;
import org.flashstack.clock.VirtualClock;
import org.flashstack.driver.opentitan.spihost.OpenTitanSpiHostDriver;
import org.flashstack.driver.spi.mux.SpiMux;
import org.flashstack.driver.spinor.SpiNorFlashDriver;
import org.flashstack.driver.spinor.SpiNorOptions;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.hw.opentitan.spihost.OpenTitanSpiHost;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.flashstack.hw.spinor.SfdpTableBuilder;
import org.flashstack.hw.spinor.SpiNorChip;

/**
 * Seed 000's SPI stack without OSGi, for the benchmarks: chip, OpenTitan SPI_HOST model, its
 * driver, the SPI virtualizer's device, and the SPI NOR driver attached from SFDP.
 */
final class SpiBoard {

  final VirtualClock clock = new VirtualClock();
  final SpiNorChip chip;
  final SpiDevice device;

  /** The board with the host's DMA channel on RXDATA, as the driver uses it for long reads. */
  SpiBoard(String partName) throws IOException, SpiException {
    this(partName, true);
  }

  /**
   * @param partName the catalog part on CS0
   * @param dma whether the host driver may use the DMA channel; without, the CPU drains RXDATA
   */
  SpiBoard(String partName, boolean dma) throws IOException, SpiException {
    ChipPart part = ChipCatalog.builtIn().part(partName);
    chip =
        new SpiNorChip(
            "flash0",
            part,
            NorMedia.open(MediaSpec.ram("flash0", part.size(), part.smallestErase())),
            clock,
            SfdpTableBuilder.sfdpOf(part));
    SpiTarget target = chip;
    OpenTitanSpiHost model =
        new OpenTitanSpiHost(
            "spihost0", 1, OpenTitanSpiHost.CommandLayout.V3, 100_000_000, clock, cs -> target);
    OpenTitanSpiHostDriver host =
        new OpenTitanSpiHostDriver("spi0", model, clock, 1, 100_000_000, false, dma);
    host.initialize();
    device = new SpiMux(host, 10_000).device("flash0", 0, SpiSettings.of(50_000_000));
  }

  FlashDevice attach() throws FlashException {
    FlashHardware hardware =
        new FlashHardware() {
          @Override
          public String name() {
            return "flash0";
          }

          @Override
          public Map<String, Object> properties() {
            return Map.of(
                DeviceProperties.NAME,
                "flash0",
                DeviceProperties.COMPATIBLE,
                SpiBinding.COMPATIBLE_SPI_NOR);
          }

          @Override
          public <T> Optional<T> as(Class<T> type) {
            return type == SpiDevice.class ? Optional.of(type.cast(device)) : Optional.empty();
          }
        };
    return new SpiNorFlashDriver(clock, SpiNorOptions.DEFAULT).attach(hardware);
  }
}
