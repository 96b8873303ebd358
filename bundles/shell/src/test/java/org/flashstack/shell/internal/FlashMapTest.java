package org.flashstack.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlashMapTest {

  private static final long MIB = 1 << 20;

  @Test
  void partitionsAreDrawnToScaleWithWearAndALegend() {
    long[] offsets = new long[32];
    long[] erases = new long[32];
    for (int i = 0; i < 32; i++) {
      offsets[i] = i * MIB;
    }
    erases[16] = 8;
    erases[17] = 2;
    erases[31] = 4;
    List<String> lines =
        FlashMap.draw(
            "flash0",
            32 * MIB,
            "8192 x 4 KiB",
            List.of(
                new FlashMap.Region("primary", 0, 16 * MIB, false),
                new FlashMap.Region("staging", 16 * MIB, 8 * MIB, false),
                new FlashMap.Region("logs", 28 * MIB, 4 * MIB, true)),
            offsets,
            erases,
            16,
            true);
    assertEquals(
        List.of(
            "flash0: 32 MiB, 8192 x 4 KiB; one column is 2 MiB",
            "  |aaaaaaaabbbb..cc|  partitions",
            "  |        #      :|  wear",
            "  a primary        0x00000000..0x01000000    16 MiB",
            "  b staging        0x01000000..0x01800000     8 MiB",
            "  c logs           0x01c00000..0x02000000     4 MiB  read-only",
            "  . not in a partition",
            "  wear: ' ' never, '.' 1-2, ':' 3-4, '+' 5-6, '#' 7-8 erases (most erased sector: 8)"),
        lines);
  }

  @Test
  void aPartitionNarrowerThanAColumnStillShows() {
    List<String> lines =
        FlashMap.draw(
            "nor0",
            8 * MIB,
            "32 x 256 KiB",
            List.of(new FlashMap.Region("tiny", 3 * MIB, 4096, false)),
            new long[0],
            new long[0],
            8,
            false);
    assertEquals("  |...a....|  partitions", lines.get(1));
    assertEquals(
        "  wear: no sector erased since the media was opened", lines.get(lines.size() - 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> FlashMap.draw("x", 1, "", List.of(), new long[0], new long[0], 2, false));
  }

  @Test
  void wearLevelsAreTheCountsShareOfTheMost() {
    assertEquals(0, FlashMap.level(0, 10));
    assertEquals(1, FlashMap.level(1, 10));
    assertEquals(2, FlashMap.level(5, 10));
    assertEquals(4, FlashMap.level(10, 10));
    assertEquals(0, FlashMap.level(3, 0));
  }
}
