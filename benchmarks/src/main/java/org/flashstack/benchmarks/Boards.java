package org.flashstack.benchmarks;

import java.io.IOException;
import java.util.Map;
import org.flashstack.api.cfi.CfiBinding;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.flashstack.hw.media.NorMedia;

/** The default board's nor0 (2 x16 on 32 bits, 8 MiB, RAM) as benchmarks build it. */
final class Boards {
  private Boards() {}

  /** A CFI bank with its claims, and the properties its DS component would publish. */
  record Chip(CfiNorFlash model, ClaimableMmioDevice device, Map<String, Object> properties) {}

  static Chip nor(String name, EmulatedClock clock) throws IOException {
    CfiDeviceParameters parameters = CfiDeviceParameters.twoX16On32Bit(name);
    CfiNorFlash model =
        new CfiNorFlash(
            parameters,
            NorMedia.open(MediaSpec.ram(name, parameters.size(), parameters.blockSize())),
            clock);
    return new Chip(
        model,
        new ClaimableMmioDevice(model, model::powerUpReset),
        Map.of(
            DeviceProperties.NAME,
            name,
            DeviceProperties.COMPATIBLE,
            CfiBinding.COMPATIBLE,
            CfiBinding.BANK_WIDTH,
            4));
  }

  /** The chip as the virtualizer offers it to drivers. */
  static org.flashstack.api.flash.FlashHardware hardware(Chip chip) {
    return new org.flashstack.api.flash.FlashHardware() {
      @Override
      public String name() {
        return chip.model().name();
      }

      @Override
      public Map<String, Object> properties() {
        return chip.properties();
      }

      @Override
      public <T> java.util.Optional<T> as(Class<T> type) {
        return type.isInstance(chip.device())
            ? java.util.Optional.of(type.cast(chip.device()))
            : java.util.Optional.empty();
      }
    };
  }
}
