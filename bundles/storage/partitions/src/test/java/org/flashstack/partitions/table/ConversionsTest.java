package org.flashstack.partitions.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every form to and from the native one (partition factory configurations). */
class ConversionsTest {

  private static final EspTableOptions DEFAULTS = EspTableOptions.defaults();

  private static List<PartitionRow> throughNative(List<PartitionRow> rows) throws Exception {
    List<PartitionRow> back = new ArrayList<>();
    long number = 0x80000100L;
    for (PartitionRow row : rows) {
      Map<String, String> configuration = NativePartitions.toConfiguration(row, "flash0", number++);
      assertEquals("flash0", NativePartitions.device(configuration));
      assertEquals(number - 1, NativePartitions.driverNumber(configuration));
      back.add(NativePartitions.fromConfiguration(configuration));
    }
    return back;
  }

  @Test
  void espIdfToNativeAndBackIsTheSameBinary() throws Exception {
    String csv =
        "nvs,data,nvs,0x9000,0x4000\notadata,data,ota,,0x2000\nphy_init,data,phy,,0x1000\n"
            + "factory,app,factory,0x10000,1M\nota_0,app,ota_0,,1M\n"
            + "keys,data,nvs_keys,,4K,encrypted:readonly\n";
    EspPartitionTable table = EspPartitionTable.parseCsv(csv, DEFAULTS);
    List<PartitionRow> rows = table.entries().stream().map(PartitionRow::fromEsp).toList();
    List<PartitionRow> back = throughNative(rows);
    assertEquals(rows, back);
    EspPartitionTable again = EspPartitionTable.of(back.stream().map(PartitionRow::toEsp).toList());
    again.verify(DEFAULTS);
    assertEquals(
        java.util.HexFormat.of().formatHex(table.toBinary(true)),
        java.util.HexFormat.of().formatHex(again.toBinary(true)));
  }

  @Test
  void mtdpartsToNativeAndBack() throws Exception {
    Mtdparts.Device device = Mtdparts.parse("nor0:256k(boot)rolk,64k(env),-(fs)").get(0);
    List<PartitionRow> rows = Mtdparts.resolve(device, 32 << 20);
    List<PartitionRow> back = throughNative(rows);
    assertEquals(rows, back);
    assertEquals(
        rows, Mtdparts.resolve(Mtdparts.parse(Mtdparts.format("nor0", back)).get(0), 32 << 20));
  }

  @Test
  void nativeToEspIdfAndMtdpartsAndBack() throws Exception {
    List<PartitionRow> native_ =
        List.of(
            PartitionRow.plain("primary", 0, 16 << 20, false),
            PartitionRow.plain("staging", 16 << 20, 8 << 20, false),
            PartitionRow.plain("certificates", 24 << 20, 4 << 20, true));
    EspPartitionTable esp =
        EspPartitionTable.of(native_.stream().map(PartitionRow::toEsp).toList());
    String csv = esp.toCsv();
    assertEquals(
        "primary,data,undefined,0x0,16M,\nstaging,data,undefined,0x1000000,8M,\n"
            + "certificates,data,undefined,0x1800000,4M,readonly\n",
        csv.substring(csv.indexOf('\n', csv.indexOf('\n') + 1) + 1),
        "a partition that never was in an ESP-IDF table is data / undefined");
    List<PartitionRow> fromEsp =
        EspPartitionTable.parseBinary(esp.toBinary(true), DEFAULTS).entries().stream()
            .map(PartitionRow::fromEsp)
            .map(row -> PartitionRow.plain(row.name(), row.offset(), row.size(), row.readOnly()))
            .toList();
    assertEquals(native_, fromEsp);
    assertEquals(
        native_,
        Mtdparts.resolve(Mtdparts.parse(Mtdparts.format("flash0", native_)).get(0), 32 << 20));
  }

  @Test
  void aConfigurationWithoutEspFieldsHasNone() throws Exception {
    PartitionRow row =
        NativePartitions.fromConfiguration(
            Map.of(
                "partition.name", "staging",
                "flash.target", "(device.name=flash0)",
                "offset", "16M",
                "size", "8M",
                "partition.driverNumber", "0x80000011"));
    assertNull(row.espType());
    assertEquals(16 << 20, row.offset());
    assertEquals(
        0x80000011L, NativePartitions.driverNumber(Map.of("partition.driverNumber", "0x80000011")));
  }
}
