package org.flashstack.testing.conformance;

import java.util.Map;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.spi.SpiBinding;
import org.flashstack.api.spi.SpiDevice;
import org.flashstack.api.spi.SpiSettings;
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
 * The SPI NOR driver passes the Flash driver conformance suite on a W25Q128JV behind the whole SPI
 * path: OpenTitan SPI_HOST model, its driver, the SPI virtualizer.
 */
class SpiNorDriverConformanceTest extends FlashDriverConformance {

  private final VirtualClock clock = new VirtualClock();

  @Override
  protected FlashDriver newDriver() {
    return new SpiNorFlashDriver(clock, SpiNorOptions.DEFAULT);
  }

  @Override
  protected Device newDevice() throws Exception {
    ChipPart part = ChipCatalog.builtIn().part("W25Q128JV");
    SpiNorChip chip =
        new SpiNorChip(
            "flash0",
            part,
            NorMedia.open(MediaSpec.ram("flash0", part.size(), part.smallestErase())),
            clock,
            SfdpTableBuilder.sfdpOf(part));
    OpenTitanSpiHost model =
        new OpenTitanSpiHost(
            "spihost0",
            2,
            OpenTitanSpiHost.CommandLayout.V3,
            100_000_000,
            clock,
            cs -> cs == 0 ? chip : null);
    OpenTitanSpiHostDriver host =
        new OpenTitanSpiHostDriver("spi0", model, clock, 2, 100_000_000, false);
    host.initialize();
    SpiDevice device = new SpiMux(host, 1000).device("flash0", 0, SpiSettings.of(50_000_000));
    return new Device(
        device,
        Map.of(
            DeviceProperties.NAME,
            "flash0",
            DeviceProperties.COMPATIBLE,
            SpiBinding.COMPATIBLE_SPI_NOR));
  }
}
