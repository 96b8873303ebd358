package org.flashstack.sfdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real SFDP dumps of {@code src/test/resources/sfdp} (copied from shared/testdata/sfdp, see its
 * README for where each was published) decode to the facts of the parts' datasheets.
 */
class RealDumpTest {

  static byte[] dump(String name) throws IOException {
    try (InputStream in = RealDumpTest.class.getResourceAsStream("/sfdp/" + name)) {
      assertNotNull(in, name);
      return in.readAllBytes();
    }
  }

  @Test
  void mx25l25635fIsAJesd216TableWithoutPageSize() throws Exception {
    SfdpSpace space = SfdpDecoder.decode(dump("mx25l25635f.bin"));
    assertEquals("1.0", space.revision().toString());
    assertEquals(2, space.headers().size());
    assertEquals(0xffc2, space.headers().get(1).id(), "Macronix vendor table");
    BasicFlashParameterTable bfpt = space.bfpt();
    assertEquals(9, bfpt.lengthDwords());
    assertEquals(32L << 20, bfpt.densityBytes(), "256 Mbit");
    assertNull(bfpt.pageSize(), "a JESD216 (9 DWORD) table has no page size");
    assertNull(bfpt.pageProgramTypicalMicros());
    assertEquals(AddressMode.THREE_OR_FOUR, bfpt.addressMode(), "EN4B/EX4B part");
    assertEquals(0x20, bfpt.erase4kOpcode());
    assertFalse(bfpt.dtr());
    assertEquals(new FastRead("1-1-2", 0x3b, 8, 0), bfpt.fastRead("1-1-2"), "DREAD");
    assertEquals(new FastRead("1-2-2", 0xbb, 4, 0), bfpt.fastRead("1-2-2"), "2READ");
    assertEquals(new FastRead("1-1-4", 0x6b, 8, 0), bfpt.fastRead("1-1-4"), "QREAD");
    assertEquals(new FastRead("1-4-4", 0xeb, 4, 2), bfpt.fastRead("1-4-4"), "4READ");
    assertEquals(new FastRead("4-4-4", 0xeb, 4, 2), bfpt.fastRead("4-4-4"), "QPI 4READ");
    assertNull(bfpt.fastRead("2-2-2"));
    assertEquals(
        List.of(4096L, 32768L, 65536L), bfpt.eraseTypes().stream().map(EraseType::size).toList());
    assertEquals(
        List.of(0x20, 0x52, 0xd8), bfpt.eraseTypes().stream().map(EraseType::opcode).toList());
    assertNull(bfpt.eraseTypes().get(0).typicalMillis(), "no DWORD 10");
    assertNull(space.fourByteInstructions());
    assertNull(space.sectorMap());
  }

  @Test
  void sst26vf064bHasANonUniformSectorMap() throws Exception {
    SfdpSpace space = SfdpDecoder.decode(dump("sst26vf064b.bin"));
    assertEquals("1.6", space.revision().toString());
    assertEquals(3, space.headers().size());
    BasicFlashParameterTable bfpt = space.bfpt();
    assertEquals(16, bfpt.lengthDwords());
    assertEquals(8L << 20, bfpt.densityBytes(), "64 Mbit");
    assertEquals(256, bfpt.pageSize());
    assertEquals(AddressMode.THREE, bfpt.addressMode());
    assertEquals(
        List.of(4096L, 8192L, 32768L, 65536L),
        bfpt.eraseTypes().stream().map(EraseType::size).toList(),
        "4 KiB sectors; 8, 32 and 64 KiB blocks");
    assertEquals(
        List.of(0x20, 0xd8, 0xd8, 0xd8),
        bfpt.eraseTypes().stream().map(EraseType::opcode).toList());
    assertEquals(new SuspendResume(0xb0, 0x30, 0xb0, 0x30), bfpt.suspendResume());
    assertNull(bfpt.deepPowerDown(), "the SST26VF064B has no deep power-down");
    assertTrue(bfpt.softReset().contains("reset enable 66h, then reset 99h"));
    SectorMap map = space.sectorMap();
    assertNotNull(map);
    assertTrue(map.detections().isEmpty());
    assertEquals(1, map.maps().size());
    List<SectorMap.Region> regions = map.maps().get(0).regions();
    assertEquals(
        List.of(32768L, 32768L, 8064L * 1024, 32768L, 32768L),
        regions.stream().map(SectorMap.Region::size).toList(),
        "four 8 KiB blocks, a 32 KiB block, 126 64 KiB blocks, a 32 KiB block, four 8 KiB");
    assertEquals(List.of(1, 2), regions.get(0).eraseTypes());
    assertEquals(List.of(1, 3), regions.get(1).eraseTypes());
    assertEquals(List.of(1, 4), regions.get(2).eraseTypes());
    assertEquals(List.of(1, 2), regions.get(4).eraseTypes());
    assertEquals(0x7f8000L, regions.get(4).offset());
  }

  @Test
  void sst26vf032bDiffersInDensityOnly() throws Exception {
    SfdpSpace space = SfdpDecoder.decode(dump("sst26vf032b.bin"));
    assertEquals(4L << 20, space.bfpt().densityBytes(), "32 Mbit");
    assertEquals(3968L * 1024, space.sectorMap().maps().get(0).regions().get(2).size());
  }

  @Test
  void is25wp256ClaimsThreeByteAddressingAsItsTableSays() throws Exception {
    SfdpSpace space = SfdpDecoder.decode(dump("is25wp256.bin"));
    BasicFlashParameterTable bfpt = space.bfpt();
    assertEquals(32L << 20, bfpt.densityBytes());
    assertEquals(
        AddressMode.THREE,
        bfpt.addressMode(),
        "the table says 3-byte only although the part has 4-byte opcodes; the decoder reports it");
    assertTrue(bfpt.dtr());
    assertEquals(256, bfpt.pageSize());
    assertEquals(QuadEnableRequirement.SR1_BIT6, bfpt.quadEnable(), "ISSI: QE is SR bit 6");
    assertEquals(new SuspendResume(0x75, 0x7a, 0x75, 0x7a), bfpt.suspendResume());
    assertEquals(0xb9, bfpt.deepPowerDown().enterOpcode());
    assertEquals(0xab, bfpt.deepPowerDown().exitOpcode());
    assertTrue(bfpt.enter4ByteMethods().contains("instruction B7h"));
    assertTrue(bfpt.enter4ByteMethods().contains("dedicated 4-byte address instructions"));
    assertFalse(bfpt.exit4ByteMethods().contains("instruction E9h"), "ISSI exits with 29h");
  }

  @Test
  void mt35xu01gHasFourByteInstructions() throws Exception {
    SfdpSpace space = SfdpDecoder.decode(dump("mt35xu01g.bin"));
    BasicFlashParameterTable bfpt = space.bfpt();
    assertEquals(128L << 20, bfpt.densityBytes(), "1 Gbit");
    assertEquals(AddressMode.THREE_OR_FOUR, bfpt.addressMode());
    assertTrue(bfpt.dtr());
    assertTrue(bfpt.fastReads().isEmpty(), "octal reads are not in a 16 DWORD BFPT");
    assertEquals(
        List.of(4096L, 131072L, 32768L), bfpt.eraseTypes().stream().map(EraseType::size).toList());
    FourByteAddressInstructions fourByte = space.fourByteInstructions();
    assertNotNull(fourByte);
    assertTrue(fourByte.supports("read 1-1-1"));
    assertTrue(fourByte.supports("fast read 1-1-1"));
    assertTrue(fourByte.supports("page program 1-1-1"));
    assertTrue(fourByte.supports("fast read 1-8-8"));
    assertFalse(fourByte.supports("fast read 1-1-4"));
    assertEquals(0x21, fourByte.eraseOpcodes().get(1));
    assertEquals(0xdc, fourByte.eraseOpcodes().get(2));
    assertEquals(0x5c, fourByte.eraseOpcodes().get(3));
    assertFalse(fourByte.eraseOpcodes().containsKey(4));
  }

  @Test
  void jsonHasTheDocumentedShape() throws Exception {
    JsonObject json =
        JsonParser.parseString(SfdpJson.toJson(SfdpDecoder.decode(dump("mx25l25635f.bin")), false))
            .getAsJsonObject();
    assertEquals("1.0", json.get("revision").getAsString());
    JsonObject header = json.getAsJsonArray("parameter_headers").get(0).getAsJsonObject();
    assertEquals("0xff00", header.get("id").getAsString());
    assertEquals(9, header.get("length_dwords").getAsInt());
    assertEquals("0x30", header.get("pointer").getAsString());
    JsonObject bfpt = json.getAsJsonObject("bfpt");
    assertEquals(33554432L, bfpt.get("density_bytes").getAsLong());
    assertTrue(bfpt.get("page_size").isJsonNull());
    assertEquals("3or4", bfpt.get("address_mode").getAsString());
    assertEquals("0x20", bfpt.get("erase_4k_opcode").getAsString());
    assertFalse(bfpt.get("dtr").getAsBoolean());
    JsonObject quad = bfpt.getAsJsonObject("fast_read").getAsJsonObject("1-1-4");
    assertEquals("0x6b", quad.get("opcode").getAsString());
    assertEquals(8, quad.get("dummy_clocks").getAsInt());
    assertEquals(0, quad.get("mode_clocks").getAsInt());
    JsonObject erase = bfpt.getAsJsonArray("erase_types").get(0).getAsJsonObject();
    assertEquals(4096, erase.get("size").getAsInt());
    assertEquals("0x20", erase.get("opcode").getAsString());
    assertTrue(json.get("four_byte_instructions").isJsonNull());
    assertTrue(json.get("sector_map").isJsonNull());
    JsonObject sst =
        JsonParser.parseString(SfdpJson.toJson(SfdpDecoder.decode(dump("sst26vf064b.bin")), true))
            .getAsJsonObject();
    assertEquals(
        5,
        sst.getAsJsonObject("sector_map")
            .getAsJsonArray("maps")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("regions")
            .size());
  }

  @Test
  void reportNamesTheFacts() throws Exception {
    List<String> lines = SfdpReport.lines(SfdpDecoder.decode(dump("sst26vf064b.bin")));
    String text = String.join("\n", lines);
    assertTrue(text.startsWith("SFDP revision 1.6 (JESD216B), 3 parameter headers"), text);
    assertTrue(text.contains("density          8388608 bytes (8 MiB)"), text);
    assertTrue(text.contains("Sector Map Parameter Table"), text);
    assertTrue(text.contains("0x00000000-0x00007fff  32 KiB    erase types [1, 2]"), text);
  }
}
