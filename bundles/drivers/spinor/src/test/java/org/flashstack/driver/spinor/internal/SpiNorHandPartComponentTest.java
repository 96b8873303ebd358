package org.flashstack.driver.spinor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.flashstack.driver.spinor.SpiNorHandPart;
import org.flashstack.driver.spinor.SpiNorParameters;
import org.flashstack.sfdp.QuadEnableRequirement;
import org.junit.jupiter.api.Test;

/** The factory configuration of a part given by hand, read the way people write it. */
class SpiNorHandPartComponentTest {

  /** A configuration with the given attributes and the Metatype defaults for the rest. */
  static SpiNorHandPartConfiguration configuration(Map<String, Object> values) {
    return (SpiNorHandPartConfiguration)
        Proxy.newProxyInstance(
            SpiNorHandPartConfiguration.class.getClassLoader(),
            new Class<?>[] {SpiNorHandPartConfiguration.class},
            (proxy, method, args) ->
                values.containsKey(method.getName())
                    ? values.get(method.getName())
                    : method.getDefaultValue());
  }

  @Test
  void aTypicalConfigurationBecomesThePart() {
    SpiNorHandPart part =
        SpiNorHandPartComponent.part(
            configuration(
                Map.of(
                    "name", "M25P80",
                    "jedecId", "20 20 14",
                    "size", "1M",
                    "erase", new String[] {"64K:D8h:3000"},
                    "readMode", "1-1-2",
                    "readOpcode", "0x3b")));
    assertEquals("M25P80", part.name());
    assertArrayEquals(new byte[] {0x20, 0x20, 0x14}, part.jedecId());
    assertEquals(1L << 20, part.size());
    assertEquals(256, part.pageSize());
    assertEquals(new SpiNorParameters.Erase(1, 65536, 0xd8, 3_000_000_000L), part.erases().get(0));
    assertEquals(0x3b, part.readOpcode());
    assertEquals(SpiNorHandPart.FourByteEntry.B7, part.fourByteEntry());
    assertNull(part.quadEnable());
    assertEquals(5_000_000L, part.programTimeoutNanos());
  }

  @Test
  void theDefaultEraseTypesTakeTheDefaultMaximum() {
    SpiNorHandPart part =
        SpiNorHandPartComponent.part(
            configuration(
                Map.of(
                    "name", "P",
                    "jedecId", "0xc22016",
                    "size", "4194304",
                    "readMode", "1-1-4",
                    "readOpcode", "6B",
                    "quadEnable", "sr1_bit6")));
    assertArrayEquals(new byte[] {(byte) 0xc2, 0x20, 0x16}, part.jedecId());
    assertEquals(2, part.erases().size());
    assertEquals(4096, part.erases().get(0).size());
    assertEquals(3_000_000_000L, part.erases().get(1).timeoutNanos());
    assertEquals(QuadEnableRequirement.SR1_BIT6, part.quadEnable());
  }

  @Test
  void wrongValuesAreRefusedSayingWhichAndWhy() {
    assertEquals(
        "hand-configured SPI NOR part P: jedecId '20 2g' is not bytes in hex (e.g. 20 20 14)",
        refused(Map.of("name", "P", "jedecId", "20 2g", "size", "1M")));
    assertEquals(
        "hand-configured SPI NOR part P: erase type '4K' is not size:instruction[:maximum ms]",
        refused(
            Map.of("name", "P", "jedecId", "202014", "size", "1M", "erase", new String[] {"4K"})));
    assertEquals(
        "hand-configured SPI NOR part P: erase instruction 'zz' is not a byte in hex (e.g. D8)",
        refused(
            Map.of(
                "name", "P", "jedecId", "202014", "size", "1M", "erase", new String[] {"4K:zz"})));
    assertTrue(
        refused(Map.of("name", "P", "jedecId", "202014", "size", "lots"))
            .contains("size 'lots' is not a number"));
    assertTrue(
        refused(Map.of("name", "P", "jedecId", "202014", "size", "1M", "fourByteEntry", "EN4B"))
            .contains("fourByteEntry 'EN4B' is not B7, WREN_B7 or OPCODES"));
    assertTrue(
        refused(
                Map.of(
                    "name",
                    "P",
                    "jedecId",
                    "202014",
                    "size",
                    "1M",
                    "readMode",
                    "1-1-4",
                    "quadEnable",
                    "SR9"))
            .contains("quadEnable 'SR9' is not one of"));
  }

  private static String refused(Map<String, Object> values) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> SpiNorHandPartComponent.part(configuration(values)))
        .getMessage();
  }
}
