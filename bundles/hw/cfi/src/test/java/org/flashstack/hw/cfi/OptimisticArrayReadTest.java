package org.flashstack.hw.cfi;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;

/**
 * Bulk reads in Read Array mode copy without the device lock; while another thread runs program
 * sequences in exclusive sessions, a reader still sees only cell contents, and the programmed words
 * either before or after each program, never status bytes or a half-written word.
 */
class OptimisticArrayReadTest {

  @Test
  void readsDuringProgramSessionsSeeCellsNeverStatus() throws Exception {
    CfiDeviceParameters parameters = CfiDeviceParameters.twoX16On32Bit("nor0");
    CfiNorFlash chip =
        new CfiNorFlash(
            parameters,
            NorMedia.open(MediaSpec.ram("nor0", parameters.size(), parameters.blockSize())));
    byte[] pattern = new byte[4096];
    Arrays.fill(pattern, (byte) 0x5a);
    chip.media().program(0, pattern, 0, pattern.length);
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Integer> writer =
        CompletableFuture.supplyAsync(
            () -> {
              int programs = 0;
              for (long address = 0x100000;
                  !stop.get() && address < 0x100000 + 4 * 20_000;
                  address += 4) {
                long at = address;
                chip.exclusive(
                    bus -> {
                      bus.write(at, 4, 0x00400040L);
                      bus.write(at, 4, 0x12341234L);
                      bus.write(0, 4, 0x00700070L);
                      bus.read(0, 4);
                      bus.write(0, 4, 0x00ff00ffL);
                      return null;
                    });
                programs++;
              }
              return programs;
            });
    byte[] back = new byte[4096];
    byte[] word = new byte[4];
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
    int reads = 0;
    while (System.nanoTime() < deadline && !writer.isDone()) {
      chip.readBulk(0, back, 0, back.length);
      assertArrayEquals(pattern, back, "read " + reads + " saw something other than the cells");
      chip.readBulk(0x100000, word, 0, 4);
      int value =
          (word[0] & 0xff)
              | (word[1] & 0xff) << 8
              | (word[2] & 0xff) << 16
              | (word[3] & 0xff) << 24;
      assertTrue(value == 0x12341234 || value == 0xffffffff, Integer.toHexString(value));
      reads++;
    }
    stop.set(true);
    assertTrue(writer.get(10, TimeUnit.SECONDS) > 0);
    assertTrue(reads > 0);
  }
}
