package org.flashstack.hw.cfi;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.api.mmio.MmioClaim;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.api.mmio.MmioTrace;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's plain-Java replay, as written there, on the README's trace. */
class ReadmePlainJavaTest {

  @TempDir Path dir;

  @Test
  void theReadmeSnippetReplaysTheReadmeTrace() throws Exception {
    Path trace = dir.resolve("query.trace");
    Files.writeString(
        trace,
        String.join(
            "\n",
            "# enter CFI query mode on both x16 devices of nor0 and check \"QRY\"",
            "W 0x154 4 0x00980098        # write: offset, width in bytes, value",
            "R 0x40 4 0x00510051         # read, checking the expected value",
            "R 0x44 4                    # read, just print the response",
            "W 0x0 4 0x00ff00ff          # back to read-array mode",
            ""));
    MmioTrace.ReplayResult result;
    // From here on, the README's snippet.
    CfiDeviceParameters parameters = CfiDeviceParameters.twoX16On32Bit("nor0");
    FlashMedia media =
        NorMedia.open(MediaSpec.ram("nor0", parameters.size(), parameters.blockSize()));
    CfiNorFlash chip = new CfiNorFlash(parameters, media);
    MmioDevice device = new ClaimableMmioDevice(chip, chip::powerUpReset);
    try (MmioClaim claim = device.claim("my replay", 0)) {
      result = MmioTrace.parse(trace).replay(claim, System.out::println);
    }
    assertTrue(result.passed());
    assertEquals(4, result.executed());
  }
}
