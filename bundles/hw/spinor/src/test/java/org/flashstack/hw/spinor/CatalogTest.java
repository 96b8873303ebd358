package org.flashstack.hw.spinor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogTest {

  private static final String MINIMAL =
      """
      {"part": "X25TEST", "vendor": "Example", "description": "test part", "jedecId": "aa4016",
       "size": 4194304, "pageSize": 256,
       "eraseTypes": [{"number": 1, "size": 4096, "opcode": "0x20", "typicalUs": 30000, "maxUs": 200000}],
       "chipErase": ["0xc7"], "addressing": {"mode": "3"},
       "reads": [{"mode": "1-1-1", "opcode": "0x03", "dummy": 0}],
       "programs": [{"mode": "1-1-1", "opcode": "0x02"}],
       "registers": [{"name": "SR", "read": "0x05", "bits": ["WIP", "WEL", "BP0", "BP1", "BP2", "R", "R", "SRWD"], "writable": "0x9c"}],
       "writeStatus": {"opcode": "0x01", "registers": ["SR"]},
       "roles": {"busy": "SR.WIP", "writeEnable": "SR.WEL"},
       "protection": {"scheme": "block-protect", "bp": ["SR.BP0", "SR.BP1", "SR.BP2"]},
       "timing": {"pageProgramUs": 700, "pageProgramMaxUs": 3000, "byteFirstUs": 30, "byteAdditionalUs": 3, "statusWriteUs": 10000, "chipEraseUs": 10000000, "chipEraseMaxUs": 50000000},
       "sfdp": {"revision": "1.6"}}
      """;

  @Test
  void theBuiltInCatalogHasTenPartsOfSevenVendors() {
    ChipCatalog catalog = ChipCatalog.builtIn();
    assertTrue(catalog.parts().size() >= 10);
    Set<String> vendors =
        catalog.parts().stream().map(ChipPart::vendor).collect(Collectors.toSet());
    assertTrue(vendors.size() >= 5, vendors.toString());
    assertEquals("W25Q256JV", catalog.part("w25q256jv").name(), "names match in any case");
    assertTrue(
        catalog.parts().stream()
            .anyMatch(
                part -> part.regions().size() > 1 && part.regions().get(0).eraseTypes().size() > 1),
        "a part with a non-uniform sector map");
  }

  @Test
  void anUnknownPartNamesTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChipCatalog.builtIn().part("W25Q999"));
    assertTrue(e.getMessage().contains("W25Q128JV"), e.getMessage());
  }

  @Test
  void aNewPartIsOneEntry() {
    ChipPart part = ChipCatalog.read("x25test.json", new StringReader(MINIMAL));
    SpiHost host = new SpiHost(part);
    assertEquals(0xaa, host.query(0x9f, 1)[0] & 0xff);
    host.program(0, new byte[] {0x42});
    host.waitReady();
    assertEquals(0x42, host.read(0, 1)[0]);
    assertEquals(
        1,
        ChipCatalog.builtIn().with(java.util.List.of(part)).parts().stream()
            .filter(p -> p.name().equals("X25TEST"))
            .count());
  }

  private static String refusal(String from, String to) {
    String json = MINIMAL.replace(from, to);
    assertTrue(!json.equals(MINIMAL), "test edit applies: " + from);
    return assertThrows(
            ChipCatalogException.class, () -> ChipCatalog.read("bad.json", new StringReader(json)))
        .getMessage();
  }

  @Test
  void brokenEntriesNameTheField() {
    assertTrue(
        refusal("\"size\": 4194304", "\"size\": 4194305").contains("size: must be a power of two"));
    assertTrue(
        refusal("\"opcode\": \"0x20\"", "\"opcode\": \"0x120\"")
            .contains("eraseTypes[0].opcode: '0x120' is not a byte"));
    assertTrue(refusal("\"SR.WEL\"", "\"SR.XYZ\"").contains("register SR has no bit XYZ"));
    assertTrue(refusal("\"jedecId\": \"aa4016\"", "\"jedecId\": \"aa40\"").contains("jedecId"));
    assertTrue(refusal("\"mode\": \"3\"", "\"mode\": \"5\"").contains("addressing.mode"));
    assertTrue(
        refusal("\"1-1-1\", \"opcode\": \"0x03\"", "\"1-3-3\", \"opcode\": \"0x03\"")
            .contains("reads[0].mode"));
    assertTrue(
        assertThrows(
                ChipCatalogException.class,
                () -> ChipCatalog.read("bad.json", new StringReader("[" + MINIMAL + "]")))
            .getMessage()
            .contains("is not a JSON object"));
    assertTrue(
        assertThrows(
                ChipCatalogException.class,
                () -> ChipCatalog.read("bad.json", new StringReader("{\"part\": ")))
            .getMessage()
            .contains("not JSON"));
    assertTrue(
        refusal(
                "\"pageSize\": 256,",
                "\"pageSize\": 256, \"regions\": [{\"size\": 4096, \"eraseTypes\": [1]}],")
            .contains("regions: cover 4096 bytes"));
  }

  @Test
  void anEstimateCoversTheImageWithTheFewestErases() {
    ChipPart part = ChipCatalog.builtIn().part("W25Q128JV");
    OperationEstimate estimate = OperationEstimate.of(part, 0, 1 << 20, 50_000_000, 1);
    assertEquals(1, estimate.erases().size());
    assertEquals(65536, estimate.erases().get(0)[0], "1 MiB at 0 takes 64 KiB block erases");
    assertEquals(16, estimate.erases().get(0)[1]);
    assertEquals(16 * 150_000, estimate.eraseMicros());
    assertEquals(4096, estimate.pages());
    assertEquals(4096 * 400, estimate.programMicros());
    assertTrue(estimate.transferMicros() > (1 << 23) / 50, "8 Mbit at 50 MHz");
    OperationEstimate small = OperationEstimate.of(part, 0x1000, 100, 50_000_000, 4);
    assertEquals(4096, small.erases().get(0)[0], "a sector erase for 100 bytes");
    assertEquals(1, small.pages());
    assertEquals(30 + 99 * 3, small.programMicros(), "first byte + each further byte");
    assertThrows(
        IllegalArgumentException.class, () -> OperationEstimate.of(part, part.size(), 1, 1, 1));
    ChipPart sst = ChipCatalog.builtIn().part("SST26VF064B");
    OperationEstimate boot = OperationEstimate.of(sst, 0, 0x10000, 40_000_000, 1);
    assertEquals(
        2, boot.erases().size(), "the bottom 64 KiB: four 8 KiB blocks and a 32 KiB block");
  }
}
