package org.flashstack.shell.internal;

import static org.junit.jupiter.api.Assertions.*;

import org.flashstack.api.device.ByteSizes;
import org.junit.jupiter.api.Test;

class NumbersAndHexDumpTest {

  @Test
  void numbersInTheFormsUsersType() {
    assertEquals(4096, Numbers.parse("4096", "length"));
    assertEquals(0x1000, Numbers.parse("0x1000", "offset"));
    assertEquals(0x1000, Numbers.parse("0X1000", "offset"));
    assertEquals(64 * 1024, Numbers.parse("64K", "length"));
    assertEquals(16 * 1024, Numbers.parse("0x10k", "length"));
    assertEquals(2L << 20, Numbers.parse("2M", "length"));
    assertEquals(1L << 30, Numbers.parse("1g", "length"));
  }

  @Test
  void badNumbersNameWhatWasWrong() {
    IllegalArgumentException text =
        assertThrows(IllegalArgumentException.class, () -> Numbers.parse("zero", "offset"));
    assertTrue(text.getMessage().startsWith("offset 'zero' is not a number"), text.getMessage());
    for (String negative : new String[] {"-16", "-0x40000", "-64K"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Numbers.parse(negative, "offset"));
      assertEquals("offset must not be negative: " + negative, e.getMessage());
    }
    for (String large :
        new String[] {"99999999999999999999", "0x1ffffffffffffffff", "99999999999999999G"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Numbers.parse(large, "length"));
      assertTrue(e.getMessage().startsWith("length '" + large + "' is too large"), e.getMessage());
    }
    for (String garbage : new String[] {"0x", "", "12abc", "0xg", "1.5M", "+4"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Numbers.parse(garbage, "offset"));
      assertTrue(e.getMessage().contains("is not a number"), garbage + ": " + e.getMessage());
    }
  }

  @Test
  void byteCountsAndRates() {
    assertEquals("8 MiB", ByteSizes.format(8L << 20));
    assertEquals("1 GiB", ByteSizes.format(1L << 30), "one formatter: never 1024 MiB");
    assertEquals("256 KiB", ByteSizes.format(256 * 1024));
    assertEquals("1 byte", ByteSizes.format(1));
    assertEquals("1000 bytes", ByteSizes.format(1000));
    assertEquals("1024 bytes in 1.000 s (1.0 KiB/s)", Numbers.rate(1024, 1_000_000_000L));
    assertEquals(
        "1024 bytes in 0.001 s (1000.0 KiB/s), device time 2.048 s",
        Numbers.rate(1024, 1_000_000L, 2_048_000_000L));
  }

  @Test
  void hexDumpHasAbsoluteAddressesHexAndAscii() {
    byte[] data = "FlashStack round trip".getBytes();
    String dump = HexDump.format(0x40010, data);
    String[] lines = dump.split("\n");
    assertEquals(3, lines.length);
    assertEquals(
        "00040010  46 6c 61 73 68 53 74 61  63 6b 20 72 6f 75 6e 64  |FlashStack round|", lines[0]);
    assertTrue(lines[1].startsWith("00040020  20 74 72 69 70"), lines[1]);
    assertTrue(lines[1].endsWith("| trip|"), lines[1]);
    assertEquals("00040025", lines[2], "the last line is the address after the data");
    assertEquals("00000000\n", HexDump.format(0, new byte[0]));
    assertTrue(HexDump.format(0, new byte[] {0, 0x7f, (byte) 0xff}).endsWith("|...|\n00000003\n"));
  }

  @Test
  void repeatedLinesCollapseIntoOneStarAsHexdumpDoes() {
    byte[] data = new byte[16 * 6];
    java.util.Arrays.fill(data, (byte) 0xff);
    data[16 * 4] = 0x12;
    String dump = HexDump.format(0x1000, data);
    assertEquals(
        String.join(
            "\n",
            "00001000  ff ff ff ff ff ff ff ff  ff ff ff ff ff ff ff ff  |................|",
            "*",
            "00001040  12 ff ff ff ff ff ff ff  ff ff ff ff ff ff ff ff  |................|",
            "00001050  ff ff ff ff ff ff ff ff  ff ff ff ff ff ff ff ff  |................|",
            "00001060",
            ""),
        dump);
  }

  @Test
  void trailingOptionsAreReadOrRefusedWithTheUsage() {
    assertEquals(
        "dump.bin",
        TrailingOptions.value(
            java.util.List.of("--out", "dump.bin"), null, "usage", "--out", "-o"));
    assertEquals(
        "d", TrailingOptions.value(java.util.List.of("-o", "d"), null, "usage", "--out", "-o"));
    assertTrue(TrailingOptions.flag(java.util.List.of("--erase"), "usage", "--erase", "-e"));
    IllegalArgumentException extra =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TrailingOptions.value(
                    java.util.List.of("16", "--out", "x"), null, "flash:read ...", "--out"));
    assertEquals("unexpected argument(s) 16 --out x; usage: flash:read ...", extra.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> TrailingOptions.value(java.util.List.of("--out", "x"), "y", "usage", "--out"));
    assertThrows(
        IllegalArgumentException.class,
        () -> TrailingOptions.flag(java.util.List.of("--force"), "usage", "--erase"));
  }
}
