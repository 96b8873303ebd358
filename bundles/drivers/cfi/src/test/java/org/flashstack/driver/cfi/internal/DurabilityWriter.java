package org.flashstack.driver.cfi.internal;

import java.nio.ByteOrder;
import java.util.List;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.ImageSync;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.flashstack.hw.media.NorMedia;

/**
 * The process {@link KillDuringWritesTest} kills: a CFI bank on an image file, driven by the CFI
 * driver, programming chunk after chunk and saying "ack N" on standard output as soon as the driver
 * reports chunk N done.
 */
public final class DurabilityWriter {

  static final int BLOCK = 64 << 10;
  static final int BLOCKS = 64;
  static final int CHUNK = 256;

  private DurabilityWriter() {}

  /** The bytes chunk {@code n} is programmed with. */
  static byte[] pattern(int n) {
    byte[] data = new byte[CHUNK];
    for (int i = 0; i < CHUNK; i++) {
      data[i] = (byte) (n * 31 + i * 7 + (n >>> 8));
    }
    data[0] = (byte) (n & 0x7f); // never all ones
    return data;
  }

  public static void main(String[] args) throws Exception {
    VirtualClock clock = new VirtualClock();
    FlashMedia media =
        NorMedia.open(
            MediaSpec.forDevice(
                "nor0", (long) BLOCK * BLOCKS, BLOCK, List.of(), args[0], false, true, false));
    media.setImageSync(ImageSync.parse(args[1]));
    CfiNorFlash model =
        new CfiNorFlash(
            new CfiDeviceParameters(
                "nor0", 4, 2, BLOCK, BLOCKS, 0x89, 0x18, 32, ByteOrder.LITTLE_ENDIAN, false),
            media,
            clock);
    ClaimableMmioDevice device = new ClaimableMmioDevice(model, model::powerUpReset);
    var claim = device.claim("durability", 0);
    IntelCommandSetFlash flash =
        new IntelCommandSetFlash(
            claim, CfiProbe.probe(claim, 4, ByteOrder.LITTLE_ENDIAN, clock), clock);
    for (int n = 0; (long) (n + 1) * CHUNK <= (long) BLOCK * BLOCKS; n++) {
      flash.program((long) n * CHUNK, pattern(n), 0, CHUNK);
      System.out.println("ack " + n);
      System.out.flush();
    }
    System.out.println("done");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
