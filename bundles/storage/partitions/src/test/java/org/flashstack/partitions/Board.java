package org.flashstack.partitions;

import java.util.HashMap;
import java.util.Map;
import org.flashstack.api.cfi.CfiBinding;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.clock.VirtualClock;
import org.flashstack.driver.cfi.CfiFlashDriver;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.virtualizer.StandaloneVirtualizer;

/**
 * Two small CFI devices (16 blocks of 8 KiB each) behind the flash virtualizer, without OSGi: what
 * partitions sit on in the tests.
 */
final class Board implements AutoCloseable {

  static final int BLOCK = 8192;
  static final int SIZE = 16 * BLOCK;

  final VirtualClock clock = new VirtualClock();
  final StandaloneVirtualizer virtualizer = new StandaloneVirtualizer(10_000);
  CfiFlashDriver driver = new CfiFlashDriver("cfi", clock, 2000);

  Board() throws Exception {
    virtualizer.addDriver(driver, 0);
    device("nor0");
    device("nor1");
  }

  private void device(String name) throws Exception {
    CfiDeviceParameters parameters =
        new CfiDeviceParameters(
            name, 4, 2, 8192, 16, 0x89, 0x18, 32, java.nio.ByteOrder.LITTLE_ENDIAN, false);
    CfiNorFlash model =
        new CfiNorFlash(
            parameters,
            NorMedia.open(
                MediaSpec.ram(name, parameters.size(), parameters.blockSize())
                    .withProgramPolicy(ProgramPolicy.AND)),
            clock);
    Map<String, Object> properties = new HashMap<>();
    properties.put(DeviceProperties.NAME, name);
    properties.put(DeviceProperties.COMPATIBLE, CfiBinding.COMPATIBLE);
    properties.put(CfiBinding.BANK_WIDTH, "4");
    virtualizer.addHardware(new ClaimableMmioDevice(model, model::powerUpReset), properties);
  }

  Flash flash(String name) {
    return virtualizer.flash(name).orElseThrow();
  }

  /** Every byte of a device, read past the partitions. */
  byte[] snapshot(String name) throws Exception {
    byte[] all = new byte[SIZE];
    flash(name).read(0, all, 0, SIZE);
    return all;
  }

  /** The driver leaves and a new one of the same kind arrives. */
  void swapDriver() {
    CfiFlashDriver next = new CfiFlashDriver("cfi", clock, 2000);
    virtualizer.removeDriver(driver);
    virtualizer.addDriver(next, 0);
    driver = next;
  }

  @Override
  public void close() {
    virtualizer.close();
  }
}
