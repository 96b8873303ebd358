package org.flashstack.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteOrder;
import java.util.List;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.hw.opentitan.spihost.OpenTitanSpiHost;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.flashstack.hw.spinor.SfdpTableBuilder;
import org.flashstack.hw.spinor.SpiNorChip;

/**
 * The silicon models take whatever a driver (or a broken one) puts on their bus: a refused access
 * is an {@link MmioAccessException}, anything else must simply be handled as the chip handles it.
 */
class ModelFuzzTest {

  private static final long BLOCK = 8192;
  private static final int BLOCKS = 8;

  @FuzzTest(maxDuration = Findings.BOUND)
  void cfiCommandStreams(FuzzedDataProvider data) throws Exception {
    VirtualClock clock = new VirtualClock();
    int bankWidth = data.pickValue(new Integer[] {1, 2, 4});
    int deviceWidth = Math.min(bankWidth, data.pickValue(new Integer[] {1, 2}));
    try (FlashMedia media = NorMedia.open(MediaSpec.ram("nor0", BLOCK * BLOCKS, BLOCK))) {
      CfiNorFlash model =
          new CfiNorFlash(
              new CfiDeviceParameters(
                  "nor0",
                  bankWidth,
                  deviceWidth,
                  BLOCK,
                  BLOCKS,
                  0x89,
                  0x18,
                  32,
                  data.consumeBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN,
                  data.consumeBoolean()),
              media,
              clock);
      for (int step = 0; step < 200 && data.remainingBytes() > 0; step++) {
        long offset = data.consumeLong(-8, BLOCK * BLOCKS + 8);
        int width = data.pickValue(new Integer[] {1, 2, 4, 8});
        try {
          switch (data.consumeInt(0, 3)) {
            case 0 -> model.write(offset, width, data.consumeLong());
            case 1 -> model.read(offset, width);
            case 2 -> clock.advance(data.consumeLong(0, 2_000_000_000L));
            default -> model.powerUpReset();
          }
        } catch (MmioAccessException e) {
          Findings.named(e);
        }
      }
    }
  }

  @FuzzTest(maxDuration = Findings.BOUND)
  void spiBusBytesIntoEveryChipModel(FuzzedDataProvider data) throws Exception {
    List<ChipPart> parts = ChipCatalog.builtIn().parts();
    ChipPart part = parts.get(data.consumeInt(0, parts.size() - 1));
    VirtualClock clock = new VirtualClock();
    try (FlashMedia media =
        NorMedia.open(MediaSpec.ram("flash0", part.size(), part.smallestErase()))) {
      SpiNorChip chip = new SpiNorChip("flash0", part, media, clock, SfdpTableBuilder.sfdpOf(part));
      SpiLanes[] lanes = SpiLanes.values();
      for (int transaction = 0; transaction < 40 && data.remainingBytes() > 0; transaction++) {
        chip.select();
        for (int segment = data.consumeInt(1, 4); segment > 0; segment--) {
          SpiLanes lane = lanes[data.consumeInt(0, lanes.length - 1)];
          switch (data.consumeInt(0, 2)) {
            case 0 -> {
              byte[] out = data.consumeBytes(data.consumeInt(0, 300));
              chip.transmit(out, 0, out.length, lane);
            }
            case 1 -> {
              byte[] in = new byte[data.consumeInt(0, 300)];
              chip.receive(in, 0, in.length, lane);
            }
            default -> chip.dummy(data.consumeInt(0, 64));
          }
        }
        chip.deselect();
        if (data.consumeBoolean()) {
          clock.advance(data.consumeLong(0, 5_000_000_000L));
        }
      }
    }
  }

  @FuzzTest(maxDuration = Findings.BOUND)
  void openTitanRegisterWrites(FuzzedDataProvider data) throws Exception {
    VirtualClock clock = new VirtualClock();
    ChipPart part = ChipCatalog.builtIn().parts().get(0);
    try (FlashMedia media =
        NorMedia.open(MediaSpec.ram("flash0", part.size(), part.smallestErase()))) {
      SpiNorChip chip = new SpiNorChip("flash0", part, media, clock, SfdpTableBuilder.sfdpOf(part));
      OpenTitanSpiHost host =
          new OpenTitanSpiHost(
              "spihost0",
              2,
              data.consumeBoolean()
                  ? OpenTitanSpiHost.CommandLayout.V3
                  : OpenTitanSpiHost.CommandLayout.values()[0],
              100_000_000,
              data.consumeBoolean() ? clock : null,
              cs -> cs == 0 ? chip : null);
      for (int step = 0; step < 300 && data.remainingBytes() > 0; step++) {
        long offset = data.consumeLong(-4, 0x60);
        int width = data.pickValue(new Integer[] {1, 2, 4, 8});
        try {
          switch (data.consumeInt(0, 2)) {
            case 0 -> host.write(offset, width, data.consumeLong(0, 0xffff_ffffL));
            case 1 -> host.read(offset, width);
            default -> clock.advance(data.consumeLong(0, 10_000_000L));
          }
        } catch (MmioAccessException e) {
          Findings.named(e);
        }
      }
    }
  }
}
