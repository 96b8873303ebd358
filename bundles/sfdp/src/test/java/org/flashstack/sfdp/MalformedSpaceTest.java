package org.flashstack.sfdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spaces JESD216 does not allow are refused with the field and offset named, and nothing else. */
class MalformedSpaceTest {

  private static SfdpFormatException refusal(byte[] space) {
    return assertThrows(SfdpFormatException.class, () -> SfdpDecoder.decode(space));
  }

  @Test
  void emptyAndShortSpaces() {
    assertTrue(refusal(new byte[0]).getMessage().contains("the header alone takes 8"));
    assertTrue(refusal(null).getMessage().startsWith("SFDP header at 0x0"));
  }

  @Test
  void wrongSignature() throws Exception {
    byte[] space = RealDumpTest.dump("is25wp256.bin");
    space[0] = 'X';
    SfdpFormatException e = refusal(space);
    assertEquals("SFDP signature", e.field());
    assertEquals(0, e.offset());
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 15, 20, 0x30, 0x60, 0x6f})
  void truncatedDumpsAreRefusedNotReadPast(int length) throws Exception {
    byte[] space = Arrays.copyOf(RealDumpTest.dump("is25wp256.bin"), length);
    SfdpFormatException e = refusal(space);
    assertTrue(e.getMessage().contains("past the end"), e.getMessage());
  }

  @Test
  void aHeaderCountThatLies() throws Exception {
    byte[] space = Arrays.copyOf(RealDumpTest.dump("mx25l25635f.bin"), 0x30);
    space[6] = (byte) 0xff;
    SfdpFormatException e = refusal(space);
    assertTrue(e.getMessage().contains("declares 256 parameter headers"), e.getMessage());
  }

  @Test
  void aPointerPastTheEnd() throws Exception {
    byte[] space = RealDumpTest.dump("mt35xu01g.bin");
    space[0x14] = (byte) 0xf8; // 4BAIT pointer 0x80 -> 0xf8, two DWORDs reach 0x100 = end: fine
    SfdpDecoder.decode(space);
    space[0x14] = (byte) 0xfc; // now the table runs to 0x104
    SfdpFormatException e = refusal(space);
    assertEquals("parameter header 1 table pointer", e.field());
    assertEquals(0x14, e.offset());
  }

  @Test
  void aZeroLengthTable() throws Exception {
    byte[] space = RealDumpTest.dump("sst26vf064b.bin");
    space[0x13] = 0;
    SfdpFormatException e = refusal(space);
    assertEquals("parameter header 1 table length", e.field());
    assertTrue(e.getMessage().contains("is 0 DWORDs"), e.getMessage());
  }

  @Test
  void aBasicTableShorterThanNineDwords() throws Exception {
    byte[] space = RealDumpTest.dump("mx25l25635f.bin");
    space[0x0b] = 8;
    SfdpFormatException e = refusal(space);
    assertTrue(e.getMessage().contains("is 8 DWORDs; JESD216 defines 9 at least"), e.getMessage());
  }

  @Test
  void aFirstTableThatIsNotTheBasicOne() throws Exception {
    byte[] space = RealDumpTest.dump("mx25l25635f.bin");
    space[0x08] = (byte) 0x84;
    assertEquals("parameter header 0 ID", refusal(space).field());
  }

  @Test
  void aSectorMapWhoseRegionsDoNotCoverThePart() throws Exception {
    byte[] space = RealDumpTest.dump("sst26vf064b.bin");
    space[0x10d] = 0x3d; // the 8064 KiB region becomes 3968 KiB, as on the 32 Mbit part
    SfdpFormatException e = refusal(space);
    assertTrue(e.getMessage().contains("the part has 8388608"), e.getMessage());
  }

  @Test
  void aSectorMapRegionCountThatLies() throws Exception {
    byte[] space = RealDumpTest.dump("sst26vf064b.bin");
    space[0x102] = 0x20;
    SfdpFormatException e = refusal(space);
    assertEquals("sector map descriptor region count", e.field());
  }

  @Test
  void aDensityThatIsNotWholeBytes() throws Exception {
    byte[] space = RealDumpTest.dump("mx25l25635f.bin");
    space[0x34] = (byte) 0xfe;
    assertTrue(refusal(space).getMessage().contains("not a whole number of bytes"));
  }

  /** Random corruption of real dumps: the decoder decodes or refuses, never anything else. */
  @Test
  void corruptedDumpsDecodeOrAreRefused() throws Exception {
    Random random = new Random(216);
    String[] names = {
      "mx25l25635f.bin", "sst26vf064b.bin", "sst26vf032b.bin", "is25wp256.bin", "mt35xu01g.bin"
    };
    for (int round = 0; round < 20_000; round++) {
      byte[] space = RealDumpTest.dump(names[round % names.length]);
      int flips = 1 + random.nextInt(4);
      for (int i = 0; i < flips; i++) {
        int at = random.nextInt(Math.min(space.length, round % 2 == 0 ? 0x20 : space.length));
        space[at] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        space = Arrays.copyOf(space, random.nextInt(space.length + 1));
      }
      try {
        SfdpSpace decoded = SfdpDecoder.decode(space);
        SfdpJson.toJson(decoded, false);
        SfdpReport.lines(decoded);
      } catch (SfdpFormatException expected) {
        assertTrue(expected.getMessage().contains(" at 0x"), expected.getMessage());
      }
    }
  }
}
