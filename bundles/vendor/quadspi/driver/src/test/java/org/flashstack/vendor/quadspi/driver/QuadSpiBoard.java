package org.flashstack.vendor.quadspi.driver;

import java.util.Map;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.flashstack.hw.spinor.SfdpTableBuilder;
import org.flashstack.hw.spinor.SpiNorChip;
import org.flashstack.vendor.quadspi.hw.QuadSpiController;

/** A catalog chip on flash 1 of a quadspi controller, without OSGi. */
final class QuadSpiBoard {
  final SpiNorChip chip;
  final QuadSpiController controller;
  final ClaimableMmioDevice device;

  QuadSpiBoard(String part, VirtualClock clock) throws Exception {
    ChipPart chipPart = ChipCatalog.builtIn().part(part);
    chip =
        new SpiNorChip(
            "qflash0",
            chipPart,
            NorMedia.open(MediaSpec.ram("qflash0", chipPart.size(), chipPart.smallestErase())),
            clock,
            SfdpTableBuilder.sfdpOf(chipPart));
    controller = new QuadSpiController("qflash0", select -> select == 0 ? chip : null);
    device = new ClaimableMmioDevice(controller, controller::reset);
  }

  Map<String, Object> properties() {
    return Map.of(
        DeviceProperties.NAME,
        "qflash0",
        DeviceProperties.COMPATIBLE,
        QuadSpiFlashDriver.COMPATIBLE);
  }
}
