package org.flashstack.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.flashstack.api.board.BoardConfiguration;
import org.flashstack.api.board.BoardPreset;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.partitions.table.PartitionRow;
import org.flashstack.partitions.table.PartitionTableException;
import org.junit.jupiter.api.Test;

class PartitionTablesTest {

  private static BoardConfiguration partition(
      String name, String device, String offset, String size, String number) {
    return new BoardConfiguration(
        "org.flashstack.partition",
        name,
        Map.of(
            "partition.name", name,
            "flash.target", "(device.name=" + device + ")",
            "offset", offset,
            "size", size,
            "partition.driverNumber", number));
  }

  private final BoardConfiguration chip =
      new BoardConfiguration("org.flashstack.hw.spinor", "flash0", Map.of("device.name", "flash0"));
  private final List<BoardConfiguration> current =
      List.of(
          chip,
          partition("primary", "flash0", "0", "16M", "0x80000010"),
          partition("staging", "flash0", "16M", "8M", "0x80000011"),
          partition("recovery", "flash1", "0", "32M", "0x80000100"));

  @Test
  void formatsAreToldFromTheContent() {
    assertEquals(
        PartitionTables.Format.ESP_IDF_BIN,
        PartitionTables.detect(new byte[] {(byte) 0xaa, 0x50, 1}));
    assertEquals(
        PartitionTables.Format.MTDPARTS,
        PartitionTables.detect("# comment\nmtdparts=nor0:1M(a)".getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        PartitionTables.Format.ESP_IDF_CSV,
        PartitionTables.detect(
            "nvs,data,nvs,0x9000,0x6000,encrypted:readonly".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anImportReplacesOneDevicesPartitionsKeepingNamesNumbersAndTheRest() throws Exception {
    BoardPreset board =
        PartitionTables.importedBoard(
            "t",
            current,
            "flash0",
            List.of(
                PartitionRow.plain("primary", 0, 16 << 20, false),
                PartitionRow.plain("staging", 16 << 20, 4 << 20, false),
                PartitionRow.plain("logs", 20 << 20, 4 << 20, false)));
    List<BoardConfiguration> made = board.configurations();
    assertSame(chip, made.get(0), "the devices stay as they are");
    assertTrue(made.contains(current.get(3)), "flash1's partitions stay");
    assertTrue(made.contains(current.get(1)), "an unchanged partition keeps its configuration");
    BoardConfiguration staging =
        made.stream().filter(c -> c.name().equals("staging")).findFirst().orElseThrow();
    assertEquals("0x80000011", staging.properties().get("partition.driverNumber"));
    assertEquals("4M", staging.properties().get("size"));
    BoardConfiguration logs =
        made.stream().filter(c -> c.name().equals("logs")).findFirst().orElseThrow();
    assertEquals(
        "0x80000101",
        logs.properties().get("partition.driverNumber"),
        "the next number from 0x80000100 that no partition has");
    assertEquals(5, made.size());
  }

  @Test
  void aNameOfAnotherDevicesPartitionOrTwiceIsRefused() {
    assertEquals(
        "partition name 'recovery' is taken by a partition of flash1; names are unique on the board",
        assertThrows(
                PartitionTableException.class,
                () ->
                    PartitionTables.importedBoard(
                        "t",
                        current,
                        "flash0",
                        List.of(PartitionRow.plain("recovery", 0, 4096, false))))
            .getMessage());
    assertThrows(
        PartitionTableException.class,
        () ->
            PartitionTables.importedBoard(
                "t",
                current,
                "flash0",
                List.of(
                    PartitionRow.plain("a", 0, 4096, false),
                    PartitionRow.plain("a", 4096, 4096, false))));
  }

  @Test
  void rowsMustFitTheDeviceOnItsBlocks() {
    FlashGeometry geometry = FlashGeometry.uniform(4096, 256, 1, 256);
    assertTrue(
        assertThrows(
                PartitionTableException.class,
                () ->
                    PartitionTables.checkFits(
                        "flash0", List.of(PartitionRow.plain("a", 0x100, 4096, false)), geometry))
            .getMessage()
            .contains("0x100 is not on an erase block boundary of flash0"));
    assertTrue(
        assertThrows(
                PartitionTableException.class,
                () ->
                    PartitionTables.checkFits(
                        "flash0", List.of(PartitionRow.plain("a", 0, 2 << 20, false)), geometry))
            .getMessage()
            .contains("does not fit flash0"));
    assertTrue(
        assertThrows(
                PartitionTableException.class,
                () ->
                    PartitionTables.checkFits(
                        "flash0",
                        List.of(PartitionRow.plain("has space", 0, 4096, false)),
                        geometry))
            .getMessage()
            .contains("a FlashStack partition name is"));
  }
}
