package org.flashstack.hw.spinor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.flashstack.sfdp.BasicFlashParameterTable;
import org.flashstack.sfdp.EraseType;
import org.flashstack.sfdp.FastRead;
import org.flashstack.sfdp.SectorMap;
import org.flashstack.sfdp.SfdpDecoder;
import org.flashstack.sfdp.SfdpSpace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every part's SFDP agrees with its catalog entry: a generated table decodes back to the part's
 * parameters (JESD216 field by field); a real dump is what the catalog entry says the part is.
 */
class SfdpTablesTest {

  static Stream<ChipPart> parts() {
    return ChipCatalog.builtIn().parts().stream();
  }

  static Stream<ChipPart> generated() {
    return parts().filter(part -> part.sfdp().dump() == null);
  }

  @ParameterizedTest
  @MethodSource("parts")
  void generatedTableRoundTripsToTheParameters(ChipPart part) throws Exception {
    SfdpSpace space = SfdpDecoder.decode(SfdpTableBuilder.build(part));
    assertEquals(part.sfdp().revision(), space.revision().toString(), "SFDP header revision");
    BasicFlashParameterTable bfpt = space.bfpt();
    assertEquals(part.size(), bfpt.densityBytes(), "DWORD 2 density");
    assertEquals(part.addressing().mode(), bfpt.addressMode().text(), "DWORD 1 address bytes");
    assertEquals(part.eraseTypes().size(), bfpt.eraseTypes().size(), "DWORDs 8-9 erase types");
    for (ChipPart.EraseType type : part.eraseTypes()) {
      EraseType decoded = bfpt.eraseType(type.number());
      assertEquals(type.size(), decoded.size(), "erase type " + type.number() + " size");
      assertEquals(type.opcode(), decoded.opcode(), "erase type " + type.number() + " opcode");
      if (decoded.typicalMillis() != null) {
        assertTrue(
            decoded.typicalMillis() * 1000 >= type.typicalMicros()
                && decoded.typicalMillis() * 1000 < type.typicalMicros() * 1.2 + 16_000,
            "DWORD 10 typical erase time, rounded up in its unit: " + decoded.typicalMillis());
        assertTrue(decoded.maximumMillis() * 1000 >= type.maximumMicros() * 0.99 / 2);
      }
    }
    for (String mode : List.of("1-1-2", "1-2-2", "1-1-4", "1-4-4")) {
      ChipPart.Read read =
          part.reads().stream().filter(r -> r.mode().equals(mode)).findFirst().orElse(null);
      FastRead decoded = bfpt.fastRead(mode);
      if (read == null) {
        assertNull(decoded, mode + " not announced");
      } else {
        assertEquals(
            new FastRead(mode, read.opcode(), read.dummyClocks(), read.modeClocks()),
            decoded,
            "DWORDs 3-4 fast read " + mode);
      }
    }
    if (bfpt.lengthDwords() >= 16) {
      assertEquals(part.pageSize(), bfpt.pageSize(), "DWORD 11 page size");
      assertTrue(bfpt.pageProgramTypicalMicros() >= part.timing().pageProgramMicros());
      assertEquals(
          part.suspend() == null ? null : part.suspend().suspend(),
          bfpt.suspendResume() == null ? null : bfpt.suspendResume().eraseSuspend(),
          "DWORD 13 erase suspend");
      assertEquals(
          part.deepPowerDown() == null ? null : part.deepPowerDown().enter(),
          bfpt.deepPowerDown() == null ? null : bfpt.deepPowerDown().enterOpcode(),
          "DWORD 14 deep power-down");
      assertEquals(SfdpTableBuilder.quadEnable(part), bfpt.quadEnable().bits(), "DWORD 15 QER");
      if (part.addressing().enter().contains(0xb7)) {
        assertTrue(
            bfpt.enter4ByteMethods().contains("instruction B7h")
                || bfpt.enter4ByteMethods().contains("write enable 06h, then B7h"),
            "DWORD 16 enter 4-byte: " + bfpt.enter4ByteMethods());
      }
    } else {
      assertNull(bfpt.pageSize(), "a JESD216 table has no page size");
    }
    boolean fourByte = !part.addressing().fourByteOpcodes().isEmpty();
    boolean jesd216b = space.revision().minor() >= 6;
    assertEquals(
        fourByte && jesd216b, space.fourByteInstructions() != null, "4-Byte Address Instructions");
    if (space.fourByteInstructions() != null) {
      for (ChipPart.EraseType type : part.eraseTypes()) {
        if (type.opcode4b() >= 0) {
          assertEquals(
              type.opcode4b(), space.fourByteInstructions().eraseOpcodes().get(type.number()));
        }
      }
      assertTrue(space.fourByteInstructions().supports("read 1-1-1"));
    }
    assertEquals(
        part.regions().size() > 1 && jesd216b, space.sectorMap() != null, "sector map present");
    if (space.sectorMap() != null) {
      assertRegions(part, space.sectorMap());
    }
  }

  private static void assertRegions(ChipPart part, SectorMap map) {
    List<SectorMap.Region> regions = map.maps().get(0).regions();
    assertEquals(part.regions().size(), regions.size());
    for (int i = 0; i < regions.size(); i++) {
      assertEquals(part.regions().get(i).offset(), regions.get(i).offset());
      assertEquals(part.regions().get(i).size(), regions.get(i).size());
      assertEquals(part.regions().get(i).eraseTypes(), regions.get(i).eraseTypes());
    }
  }

  /** The real dumps say what the catalog says of their parts (read from the datasheets). */
  @ParameterizedTest
  @MethodSource("parts")
  void realDumpsAgreeWithTheCatalog(ChipPart part) throws Exception {
    if (part.sfdp().dump() == null) {
      return;
    }
    SfdpSpace space = SfdpDecoder.decode(SfdpTableBuilder.sfdpOf(part));
    BasicFlashParameterTable bfpt = space.bfpt();
    assertEquals(part.sfdp().revision(), space.revision().toString());
    assertEquals(part.size(), bfpt.densityBytes());
    if (bfpt.pageSize() != null) {
      assertEquals(part.pageSize(), bfpt.pageSize());
    }
    for (EraseType type : bfpt.eraseTypes()) {
      assertEquals(part.eraseType(type.number()).size(), type.size());
      assertEquals(part.eraseType(type.number()).opcode(), type.opcode());
    }
    for (FastRead read : bfpt.fastReads()) {
      if (read.mode().startsWith("1-")) {
        ChipPart.Read catalog =
            part.reads().stream()
                .filter(r -> r.mode().equals(read.mode()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(part.name() + " lacks " + read.mode()));
        assertEquals(catalog.opcode(), read.opcode(), read.mode());
        assertEquals(catalog.dummyClocks() + catalog.modeClocks(), read.waitClocks(), read.mode());
      }
    }
    if (space.sectorMap() != null) {
      assertRegions(part, space.sectorMap());
    }
    if (bfpt.suspendResume() != null) {
      assertNotNull(part.suspend());
      assertEquals(part.suspend().suspend(), bfpt.suspendResume().eraseSuspend());
      assertEquals(part.suspend().resume(), bfpt.suspendResume().eraseResume());
    }
    if (bfpt.lengthDwords() >= 14) {
      assertEquals(
          part.deepPowerDown() == null ? null : part.deepPowerDown().enter(),
          bfpt.deepPowerDown() == null ? null : bfpt.deepPowerDown().enterOpcode());
    }
    if (space.fourByteInstructions() != null) {
      space
          .fourByteInstructions()
          .eraseOpcodes()
          .forEach(
              (number, opcode) ->
                  assertEquals(part.eraseType(number).opcode4b(), (int) opcode, "4-byte erase"));
    }
  }
}
