package org.flashstack.partitions.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** mtdparts strings as Linux's cmdlinepart documents them, and what this project refuses. */
class MtdpartsTest {

  private static final long MIB = 1 << 20;

  private static String refusal(String text, long size) {
    return assertThrows(
            PartitionTableException.class,
            () -> {
              for (Mtdparts.Device device : Mtdparts.parse(text)) {
                Mtdparts.resolve(device, size);
              }
            })
        .getMessage();
  }

  @Test
  void linuxsDocumentedExamples() throws Exception {
    List<Mtdparts.Device> one = Mtdparts.parse("edb7312-nor:-");
    assertEquals("edb7312-nor", one.get(0).mtdId());
    assertEquals(
        List.of(PartitionRow.plain("Partition_000", 0, 8 * MIB, false)),
        Mtdparts.resolve(one.get(0), 8 * MIB));

    List<Mtdparts.Device> two =
        Mtdparts.parse("mtdparts=edb7312-nor:256k(ARMboot)ro,-(root);edb7312-nand:-(home)");
    assertEquals(2, two.size());
    assertEquals(
        List.of(
            PartitionRow.plain("ARMboot", 0, 256 << 10, true),
            PartitionRow.plain("root", 256 << 10, 8 * MIB - (256 << 10), false)),
        Mtdparts.resolve(two.get(0), 8 * MIB));
    assertEquals("edb7312-nand", two.get(1).mtdId());
    assertEquals(
        List.of(PartitionRow.plain("home", 0, 64 * MIB, false)),
        Mtdparts.resolve(two.get(1), 64 * MIB));
  }

  @Test
  void offsetsSuffixesFlagsAndIdsWithColons() throws Exception {
    Mtdparts.Device device =
        Mtdparts.parse("spi0.0:bus:0x40000@0x10000(u-boot)rolk,1M(kernel),0100@2m,-(rest:fs)slc")
            .get(0);
    assertEquals("spi0.0:bus", device.mtdId(), "the mtd-id ends at the last ':' before a name");
    List<PartitionRow> rows = Mtdparts.resolve(device, 16 * MIB);
    assertEquals(
        new PartitionRow("u-boot", 0x10000, 0x40000, true, true, null, null, false), rows.get(0));
    assertEquals(PartitionRow.plain("kernel", 0x50000, MIB, false), rows.get(1));
    assertEquals(
        PartitionRow.plain("Partition_002", 2 * MIB, 64, false), rows.get(2), "0100 is octal");
    assertEquals("rest:fs", rows.get(3).name());
    assertEquals(2 * MIB + 64, rows.get(3).offset());
    assertEquals(16 * MIB - 2 * MIB - 64, rows.get(3).size());
    assertEquals(1L << 30, Mtdparts.parse("d:1G").get(0).parts().get(0).size());
  }

  @Test
  void garbageIsRefusedWithWhereAndWhy() {
    assertTrue(refusal("1M(boot)", MIB).startsWith("mtdparts: no mtd-id in '1M(boot)'"));
    assertEquals(
        "mtdparts: d: partition 0 has size 0 (or no size) at column 3 of 'd:boot'",
        refusal("d:boot", MIB));
    assertTrue(refusal("d:0(x)", MIB).contains("partition 0 has size 0"));
    assertTrue(refusal("d:1M(boot", MIB).contains("no closing ) found in partition name"));
    assertTrue(
        refusal("d:-(all),1M(more)", 8 * MIB)
            .contains("no partitions allowed after a fill-up partition"));
    assertTrue(refusal("d:1M(a)x", 8 * MIB).contains("bad character after partition (x)"));
    assertTrue(refusal("d:1M@(a)", 8 * MIB).contains("a number must follow '@'"));
    assertTrue(refusal("d:1M;d:2M", 8 * MIB).contains("device 'd' is defined twice"));
    assertEquals("mtdparts: empty; expected <mtd-id>:<partdef>[,...]", refusal("mtdparts=", MIB));
  }

  @Test
  void whatLinuxWouldBendIsRefused() {
    assertEquals(
        "mtdparts: d: partition 'b' (0x800000 bytes at 0x100000) passes the end of the device"
            + " (0x800000 bytes); Linux would cut it to 0x700000",
        refusal("d:1M(a),8M(b)", 8 * MIB));
    assertEquals(
        "mtdparts: d: partition 'b' (0x0-0xfffff) overlaps 'a' (0x80000-0x17ffff)",
        refusal("d:1M@512K(a),1M@0(b)", 8 * MIB));
    assertTrue(
        refusal("d:8M(a),-(b)", 8 * MIB)
            .contains("partition 'b' starts at 0x800000, at or past the end of the device"));
  }

  @Test
  void formatWritesEveryOffsetAndReadsBackTheSame() throws Exception {
    List<PartitionRow> rows =
        List.of(
            new PartitionRow("boot", 0, 0x40000, true, true, null, null, false),
            PartitionRow.plain("env", 0x40000, 0x1000, false),
            PartitionRow.plain("odd", 0x41000, 0x123, false),
            PartitionRow.plain("fs", 1L << 30, 1L << 30, false));
    String text = Mtdparts.format("nor0", rows);
    assertEquals("mtdparts=nor0:256k@0(boot)rolk,4k@256k(env),0x123@260k(odd),1g@1g(fs)", text);
    assertEquals(rows, Mtdparts.resolve(Mtdparts.parse(text).get(0), 2L << 30));
  }

  @Test
  void randomStringsAreReadOrRefusedNeverAnythingElse() {
    Random random = new Random(11);
    String alphabet = "0123456789xkKmMgG@-(),;:rolkscabdnor ";
    for (int n = 0; n < 5000; n++) {
      StringBuilder text = new StringBuilder("nor0:1M(boot)ro,-(rest)");
      for (int e = 0; e < 1 + random.nextInt(5); e++) {
        int at = random.nextInt(text.length() + 1);
        if (random.nextBoolean() && at < text.length()) {
          text.deleteCharAt(at);
        } else {
          text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      try {
        for (Mtdparts.Device device : Mtdparts.parse(text.toString())) {
          for (PartitionRow row : Mtdparts.resolve(device, 32 * MIB)) {
            assertTrue(row.offset() >= 0 && row.end() <= 32 * MIB && row.size() > 0);
          }
        }
      } catch (PartitionTableException refused) {
        assertTrue(refused.getMessage().startsWith("mtdparts:"), refused.getMessage());
      }
    }
  }
}
