package org.flashstack.partitions.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ESP-IDF partition tables against the format rules (docs "Partition Tables", {@code
 * esp_flash_partitions.h}, {@code gen_esp32part.py} 1.5): binaries built here byte by byte from the
 * rules, the tool's CSV formatting, each validation rule with its message, corrupt binaries, and
 * random input that must only ever be refused cleanly.
 */
class EspPartitionTableTest {

  private static final EspTableOptions DEFAULTS = EspTableOptions.defaults();

  /**
   * One 32-byte entry written out by hand: magic, type, subtype, offset, size (LE), name, flags.
   */
  private static String entry(
      int type, int subtype, long offset, long size, String name, int flags) {
    StringBuilder hex = new StringBuilder("aa50");
    hex.append(String.format("%02x%02x", type, subtype));
    hex.append(le32(offset)).append(le32(size));
    byte[] label = Arrays.copyOf(name.getBytes(StandardCharsets.US_ASCII), 16);
    hex.append(HexFormat.of().formatHex(label));
    hex.append(le32(flags));
    return hex.toString();
  }

  private static String le32(long value) {
    return String.format(
        "%02x%02x%02x%02x",
        value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >> 24) & 0xff);
  }

  /** Entries, then EB EB + 14 x FF + MD5 of the entries, then FF to 0xC00. */
  private static byte[] table(String... entries) throws Exception {
    byte[] body = HexFormat.of().parseHex(String.join("", entries));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(body);
    out.write(HexFormat.of().parseHex("ebeb" + "ff".repeat(14)));
    out.write(MessageDigest.getInstance("MD5").digest(body));
    byte[] padded = Arrays.copyOf(out.toByteArray(), 0xc00);
    Arrays.fill(padded, out.size(), 0xc00, (byte) 0xff);
    return padded;
  }

  private static byte[] binary(String csv) throws Exception {
    EspPartitionTable table = EspPartitionTable.parseCsv(csv, DEFAULTS);
    table.verify(DEFAULTS);
    return table.toBinary(true);
  }

  private static String refusal(String csv) {
    return refusal(csv, DEFAULTS);
  }

  private static String refusal(String csv, EspTableOptions options) {
    return assertThrows(
            PartitionTableException.class,
            () -> {
              EspPartitionTable table = EspPartitionTable.parseCsv(csv, options);
              table.verify(options);
              table.toBinary(options.md5());
            })
        .getMessage();
  }

  // ---- ESP-IDF's documented tables ----

  @Test
  void singleFactoryAppNoOta() throws Exception {
    String csv =
        "# Name,   Type, SubType, Offset,  Size, Flags\n"
            + "# Note: if you have increased the bootloader size, make sure to update the offsets\n"
            + "nvs,      data, nvs,     0x9000,  0x6000,\n"
            + "phy_init, data, phy,     0xf000,  0x1000,\n"
            + "factory,  app,  factory, 0x10000, 1M,\n";
    assertArrayEquals(
        table(
            entry(1, 2, 0x9000, 0x6000, "nvs", 0),
            entry(1, 1, 0xf000, 0x1000, "phy_init", 0),
            entry(0, 0, 0x10000, 0x100000, "factory", 0)),
        binary(csv));
  }

  @Test
  void factoryAppAndTwoOtaSlots() throws Exception {
    String csv =
        "nvs,      data, nvs,     0x9000,  0x4000,\n"
            + "otadata,  data, ota,     0xd000,  0x2000,\n"
            + "phy_init, data, phy,     0xf000,  0x1000,\n"
            + "factory,  app,  factory, 0x10000,  1M,\n"
            + "ota_0,    app,  ota_0,   0x110000, 1M,\n"
            + "ota_1,    app,  ota_1,   0x210000, 1M,\n";
    assertArrayEquals(
        table(
            entry(1, 2, 0x9000, 0x4000, "nvs", 0),
            entry(1, 0, 0xd000, 0x2000, "otadata", 0),
            entry(1, 1, 0xf000, 0x1000, "phy_init", 0),
            entry(0, 0, 0x10000, 0x100000, "factory", 0),
            entry(0, 0x10, 0x110000, 0x100000, "ota_0", 0),
            entry(0, 0x11, 0x210000, 0x100000, "ota_1", 0)),
        binary(csv));
  }

  @Test
  void singleLargeApp() throws Exception {
    String csv =
        "nvs,data,nvs,0x9000,0x6000,\nphy_init,data,phy,0xf000,0x1000,\n"
            + "factory,app,factory,0x10000,1500K,\n";
    assertArrayEquals(
        table(
            entry(1, 2, 0x9000, 0x6000, "nvs", 0),
            entry(1, 1, 0xf000, 0x1000, "phy_init", 0),
            entry(0, 0, 0x10000, 1500 * 1024, "factory", 0)),
        binary(csv));
  }

  @Test
  void coredumpPlacedAfterTheAppByItself() throws Exception {
    String csv =
        "nvs,      data, nvs,      0x9000,  0x6000\n"
            + "phy_init, data, phy,      0xf000,  0x1000\n"
            + "factory,  app,  factory,  0x10000, 1M\n"
            + "coredump, data, coredump,,         64K\n";
    assertArrayEquals(
        table(
            entry(1, 2, 0x9000, 0x6000, "nvs", 0),
            entry(1, 1, 0xf000, 0x1000, "phy_init", 0),
            entry(0, 0, 0x10000, 0x100000, "factory", 0),
            entry(1, 3, 0x110000, 0x10000, "coredump", 0)),
        binary(csv));
  }

  @Test
  void nvsKeysEncryptedAndEveryOffsetPlaced() throws Exception {
    String csv =
        "nvs,      data, nvs,      ,        0x6000,\n"
            + "phy_init, data, phy,      ,        0x1000,\n"
            + "factory,  app,  factory,  ,        1M,\n"
            + "nvs_key,  data, nvs_keys, ,        0x1000, encrypted\n";
    assertArrayEquals(
        table(
            entry(1, 2, 0x9000, 0x6000, "nvs", 0),
            entry(1, 1, 0xf000, 0x1000, "phy_init", 0),
            entry(0, 0, 0x10000, 0x100000, "factory", 0),
            entry(1, 4, 0x110000, 0x1000, "nvs_key", 1)),
        binary(csv));
  }

  @Test
  void withoutMd5TheEndMarkerFollowsTheEntries() throws Exception {
    EspPartitionTable table =
        EspPartitionTable.parseCsv("nvs,data,nvs,0x9000,0x6000", DEFAULTS.withMd5(false));
    byte[] expected = new byte[0xc00];
    Arrays.fill(expected, (byte) 0xff);
    byte[] nvs = HexFormat.of().parseHex(entry(1, 2, 0x9000, 0x6000, "nvs", 0));
    System.arraycopy(nvs, 0, expected, 0, 32);
    assertArrayEquals(expected, table.toBinary(false));
  }

  // ---- CSV out, round trips ----

  @Test
  void binaryToCsvInTheToolsFormatting() throws Exception {
    String csv =
        "nvs,data,nvs,0x9000,0x5000,readonly:encrypted\n"
            + "ota_3,app,ota_3,0x10000,0x100000\n"
            + "custom,0x40,0x7,0x110000,0x1234\n"
            + "weird,data,200,0x112000,4K\n"
            + "empty,data,,0x113000,0\n";
    EspPartitionTable table = EspPartitionTable.parseCsv(csv, DEFAULTS);
    EspPartitionTable back = EspPartitionTable.parseBinary(table.toBinary(true), DEFAULTS);
    assertEquals(
        "# ESP-IDF Partition Table\n"
            + "# Name, Type, SubType, Offset, Size, Flags\n"
            + "nvs,data,nvs,0x9000,20K,encrypted:readonly\n"
            + "ota_3,app,ota_3,0x10000,1M,\n"
            + "custom,64,7,0x110000,0x1234,\n"
            + "weird,data,200,0x112000,4K,\n"
            + "empty,data,undefined,0x113000,0M,\n",
        back.toCsv());
  }

  @Test
  void csvToBinaryToCsvToBinaryIsStable() throws Exception {
    String csv =
        "nvs,data,nvs,,24K\notadata,data,ota,,8K\nphy_init,data,phy,,4K\n"
            + "factory,app,factory,,1M\nota_0,app,ota_0,,1M\nota_1,app,ota_1,,1M\n"
            + "storage,data,spiffs,,0x30000,readonly\n";
    byte[] first = binary(csv);
    String csvBack = EspPartitionTable.parseBinary(first, DEFAULTS).toCsv();
    assertArrayEquals(first, binary(csvBack));
    assertEquals(csvBack, EspPartitionTable.parseBinary(binary(csvBack), DEFAULTS).toCsv());
  }

  // ---- CSV in ----

  @Test
  void csvAcceptsBomCrlfCommentsCaseAndNumbersAsTheToolDoes() throws Exception {
    String body =
        "# Name, Type, SubType, Offset, Size, Flags\r\n"
            + "\r\n"
            + "  NVS ,DATA, Nvs ,36864, 24k \r\n"
            + "app0,0,0x10,0x1_0000,0o4000000\r\n"
            + "fs,1,0x82,,-0x200000\r\n";
    byte[] raw = new byte[body.length() + 3];
    raw[0] = (byte) 0xef;
    raw[1] = (byte) 0xbb;
    raw[2] = (byte) 0xbf;
    System.arraycopy(body.getBytes(StandardCharsets.US_ASCII), 0, raw, 3, body.length());
    List<EspPartition> entries = EspPartitionTable.parseCsv(raw, DEFAULTS).entries();
    assertEquals(3, entries.size());
    assertEquals(
        new EspPartition("NVS", 1, 2, 0x9000, 0x6000, false, false, "line 3"), entries.get(0));
    assertEquals(
        new EspPartition("app0", 0, 0x10, 0x10000, 0x100000, false, false, "line 4"),
        entries.get(1));
    assertEquals(0x110000, entries.get(2).offset(), "placed after app0");
    assertEquals(0x200000 - 0x110000, entries.get(2).size(), "a negative size says where it ends");
  }

  @Test
  void utf16WithItsByteOrderMarkReadsToo() throws Exception {
    byte[] raw = "\ufeffnvs,data,nvs,0x9000,0x6000\n".getBytes(StandardCharsets.UTF_16LE);
    assertEquals("nvs", EspPartitionTable.parseCsv(raw, DEFAULTS).entries().get(0).name());
    byte[] bad = {(byte) 'n', (byte) 0xff, (byte) 'x', ','};
    assertTrue(
        assertThrows(PartitionTableException.class, () -> EspPartitionTable.parseCsv(bad, DEFAULTS))
            .getMessage()
            .contains("not valid UTF-8"));
  }

  @Test
  void autoPlacementAlignsEachTypeAndLeavesTheGap() throws Exception {
    List<EspPartition> entries =
        EspPartitionTable.parseCsv("a,data,nvs,,0x3000\nb,app,factory,,64K\nc,0x40,1,,4K", DEFAULTS)
            .entries();
    assertEquals(0x9000, entries.get(0).offset());
    assertEquals(0x10000, entries.get(1).offset(), "app rounds up to 64 KiB");
    assertEquals(0x20000, entries.get(2).offset(), "a custom type aligns as data");
  }

  @Test
  void environmentVariablesExpandAndAnUnknownOneAtTheStartIsRefused() throws Exception {
    EspTableOptions options = DEFAULTS.withEnvironment(Map.of("APP_SIZE", "2M", "PART", "factory"));
    EspPartition app =
        EspPartitionTable.parseCsv("${PART},app,factory,0x10000,$APP_SIZE", options)
            .entries()
            .get(0);
    assertEquals("factory", app.name());
    assertEquals(0x200000, app.size());
    assertEquals(
        "unknown variable 'NOPE'",
        assertThrows(
                PartitionTableException.class,
                () -> EspPartitionTable.parseCsv("$NOPE,app,factory,0x10000,1M", options))
            .getMessage());
  }

  @Test
  void malformedRowsSayTheLineAndTheField() {
    assertEquals(
        "Error at line 2: Field 'type' can't be left empty.",
        refusal("# c\nnvs,,nvs,0x9000,0x6000"));
    assertEquals(
        "Error at line 1: App partition cannot have an empty subtype",
        refusal("f,app,,0x10000,1M"));
    assertEquals("Error at line 1: Size field can't be empty", refusal("nvs,data,nvs,0x9000"));
    assertEquals(
        "Error at line 1: CSV flag column contains unknown flag 'secret'",
        refusal("nvs,data,nvs,0x9000,0x6000,secret"));
    assertEquals(
        "Error at line 1: Value 'dat' is not valid. Known keywords: bootloader, partition_table,"
            + " app, data",
        refusal("nvs,dat,nvs,0x9000,0x6000"));
    assertTrue(
        refusal("f,app,ota_16,0x10000,1M")
            .startsWith(
                "Error at line 1: Value 'ota_16' is not valid. Known keywords: factory, test, ota_0"));
    assertEquals(
        "Error at line 1: Invalid field value 0x9g00", refusal("nvs,data,nvs,0x9g00,0x6000"));
    assertEquals("Error at line 1: Invalid field value 010", refusal("nvs,data,nvs,0x9000,010"));
    assertEquals(
        "Error at line 1: partition 'x': type 256 does not fit the binary's byte (0 to 255)",
        refusal("x,256,0,0x9000,0x1000"));
    assertEquals(
        "Error at line 1: partition 'x': offset 0x100000000 does not fit the binary's 32 bits",
        refusal("x,data,0,0x100000000,0x1000"));
  }

  // ---- every rule of verify() ----

  @Test
  void offsetsAlignPerTypeAndAppSizesAlign() {
    assertEquals(
        "Partition nvs invalid: Offset 0x9100 is not aligned to 0x1000 (line 1)",
        refusal("nvs,data,nvs,0x9100,0x6000"));
    assertEquals(
        "Partition f invalid: Offset 0x11000 is not aligned to 0x10000 (line 1)",
        refusal("f,app,factory,0x11000,1M"));
    assertEquals(
        "Partition f invalid: Size 0x100100 is not aligned to 0x1000 (line 1)",
        refusal("f,app,factory,0x10000,0x100100"));
    assertEquals(
        "Partition f invalid: Size 0x11000 is not aligned to 0x10000 (line 1)",
        refusal("f,app,factory,0x10000,0x11000", DEFAULTS.withSecure("v1")));
  }

  @Test
  void otadataAndCoredumpAreNeverReadOnlyAndSmallNvsMustBe() throws Exception {
    assertEquals(
        "Partition otadata invalid: 'otadata' partition of type 1 and subtype 0 is always"
            + " read-write and cannot be read-only (line 1)",
        refusal("otadata,data,ota,0x9000,0x2000,readonly"));
    assertEquals(
        "Partition cd invalid: 'cd' partition of type 1 and subtype 3 is always read-write and"
            + " cannot be read-only (line 1)",
        refusal("cd,data,coredump,0x9000,64K,readonly"));
    assertEquals(
        "Partition nvs invalid: 'nvs' partition of type 1 and subtype 2 of this size (0x2000)"
            + " must be flagged as 'readonly' (the size of read/write NVS has to be at least"
            + " 0x3000) (line 1)",
        refusal("nvs,data,nvs,0x9000,0x2000"));
    binary("nvs,data,nvs,0x9000,0x2000,readonly");
  }

  @Test
  void namesAreUniqueAndNothingOverlapsOrSitsBelowTheTable() {
    assertEquals(
        "Partition names must be unique: 'nvs' at line 1, line 2",
        refusal("nvs,data,nvs,0x9000,0x6000\nnvs,data,phy,0xf000,0x1000"));
    assertEquals(
        "CSV Error at line 1: Partitions overlap. Partition sets offset 0x7000. But partition"
            + " table occupies the whole sector 0x8000. Use a free offset 0x9000 or higher.",
        refusal("nvs,data,nvs,0x7000,0x6000"));
    assertEquals(
        "CSV Error at line 2: Partitions overlap. Partition sets offset 0xe000. Previous"
            + " partition ends 0xf000",
        refusal("nvs,data,nvs,0x9000,0x6000\nphy,data,phy,0xe000,0x1000"));
  }

  @Test
  void anOverlapFoundBySortingNamesBothRows() throws Exception {
    EspPartitionTable table =
        EspPartitionTable.of(
            List.of(
                new EspPartition("b", 1, 2, 0xa000, 0x3000, false, false, "entry 0"),
                new EspPartition("a", 1, 1, 0x9000, 0x2000, false, false, "entry 1")));
    assertEquals(
        "Partition at 0xa000 overlaps 0x9000-0xafff (entry 0 'b' overlaps entry 1 'a')",
        assertThrows(PartitionTableException.class, () -> table.verify(DEFAULTS)).getMessage());
    EspPartitionTable low =
        EspPartitionTable.of(List.of(new EspPartition("lo", 1, 1, 0x1000, 0x1000, false, false)));
    assertEquals(
        "Partition offset 0x1000 is below 0x9000 ('lo'; the table's own sector is 0x8000-0x8fff)",
        assertThrows(PartitionTableException.class, () -> low.verify(DEFAULTS)).getMessage());
  }

  @Test
  void oneOtadataOfEightKibAndOneTeeOtadata() {
    assertTrue(
        refusal("a,data,ota,0x9000,0x2000\nb,data,ota,0xb000,0x2000")
            .startsWith(
                "Found multiple otadata partitions. Only one partition can be defined with"
                    + " type=\"data\"(1) and subtype=\"ota\"(0)."));
    assertEquals(
        "otadata partition must have size = 0x2000 (line 1 'a' is 0x3000 bytes)",
        refusal("a,data,ota,0x9000,0x3000"));
    assertTrue(
        refusal("a,data,tee_ota,0x9000,0x2000\nb,data,tee_ota,0xb000,0x2000")
            .startsWith("Found multiple TEE otadata partitions."));
    assertEquals(
        "TEE otadata partition must have size = 0x2000 (line 1 'a' is 0x1000 bytes)",
        refusal("a,data,tee_ota,0x9000,0x1000"));
  }

  @Test
  void theTableMustFitTheFlashSize() throws Exception {
    String csv = "nvs,data,nvs,0x9000,0x6000\nfactory,app,factory,0x10000,4M";
    assertEquals(
        "Partitions tables occupies 4.1MB of flash (4259840 bytes) which does not fit in"
            + " available flash size 4MB.",
        refusal(csv, DEFAULTS.withFlashSize(4 << 20)));
    EspPartitionTable.parseCsv(csv, DEFAULTS).verify(DEFAULTS.withFlashSize(8 << 20));
  }

  @Test
  void entryLimitIs94WithMd5And95Without() throws Exception {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 95; i++) {
      csv.append("p").append(i).append(",data,undefined,,4K\n");
    }
    EspPartitionTable ninetyFive = EspPartitionTable.parseCsv(csv.toString(), DEFAULTS);
    assertEquals(0xc00, ninetyFive.toBinary(false).length);
    assertEquals(
        "Binary partition table length (3072) longer than max (95 entries and the MD5 entry; at"
            + " most 94 fit)",
        assertThrows(PartitionTableException.class, () -> ninetyFive.toBinary(true)).getMessage());
    EspPartitionTable ninetyFour = EspPartitionTable.of(ninetyFive.entries().subList(0, 94));
    assertEquals(0xc00, ninetyFour.toBinary(true).length);
  }

  @Test
  void bootloaderAndPartitionTableRowsTakeTheirPlaceFromTheOffsets() throws Exception {
    String csv =
        "bootloader,bootloader,primary,N/A,N/A\n"
            + "partition_table,partition_table,primary,N/A,N/A\n"
            + "nvs,data,nvs,,0x6000\n";
    assertEquals("Error at line 1: Primary bootloader offset is not provided", refusal(csv));
    EspTableOptions options = DEFAULTS.withBootloaderOffsets(0x1000L, null);
    EspPartitionTable table = EspPartitionTable.parseCsv(csv, options);
    table.verify(options);
    assertEquals(
        List.of(
            new EspPartition("bootloader", 2, 0, 0x1000, 0x7000, false, false, "line 1"),
            new EspPartition("partition_table", 3, 0, 0x8000, 0x1000, false, false, "line 2"),
            new EspPartition("nvs", 1, 2, 0x9000, 0x6000, false, false, "line 3")),
        table.entries());
    assertEquals(
        "Error at line 1: Recovery bootloader offset is not provided",
        refusal("rb,bootloader,recovery,,", options));
  }

  @Test
  void aLongNameIsCutInTheBinaryWithAWarning() throws Exception {
    EspPartitionTable table =
        EspPartitionTable.parseCsv("a_name_of_twenty_chars,data,nvs,0x9000,0x6000", DEFAULTS);
    assertEquals(1, table.warnings().size());
    assertTrue(table.warnings().get(0).contains("keeps its first 16"), table.warnings().get(0));
    assertEquals(
        "a_name_of_twenty",
        EspPartitionTable.parseBinary(table.toBinary(true), DEFAULTS).entries().get(0).name());
  }

  // ---- binary in ----

  @Test
  void corruptBinariesAreRefusedWithTheReason() throws Exception {
    byte[] good = binary("nvs,data,nvs,0x9000,0x6000\nfactory,app,factory,0x10000,1M");
    byte[] magic = good.clone();
    magic[32] = 0x12;
    assertEquals(
        "Invalid magic bytes (12 50) for partition definition: entry 1 at 0x20",
        assertThrows(
                PartitionTableException.class, () -> EspPartitionTable.parseBinary(magic, DEFAULTS))
            .getMessage());
    byte[] md5 = good.clone();
    md5[10] ^= 1;
    assertTrue(
        assertThrows(
                PartitionTableException.class, () -> EspPartitionTable.parseBinary(md5, DEFAULTS))
            .getMessage()
            .startsWith("MD5 checksums don't match!"));
    byte[] noEnd = Arrays.copyOf(good, 96);
    assertEquals(
        "Partition table is missing an end-of-table marker (2 entries in 96 bytes)",
        assertThrows(
                PartitionTableException.class, () -> EspPartitionTable.parseBinary(noEnd, DEFAULTS))
            .getMessage());
    byte[] odd = Arrays.copyOf(good, 70);
    assertTrue(
        assertThrows(
                PartitionTableException.class, () -> EspPartitionTable.parseBinary(odd, DEFAULTS))
            .getMessage()
            .startsWith("Partition table length must be a multiple of 32 bytes"));
    assertEquals(
        "Invalid magic bytes (eb eb) for partition definition: entry 2 at 0x40",
        assertThrows(
                PartitionTableException.class,
                () -> EspPartitionTable.parseBinary(good, DEFAULTS.withMd5(false)))
            .getMessage(),
        "with --disable-md5sum the MD5 entry is an entry with the wrong magic, as in the tool");
  }

  @Test
  void unknownFlagBitsAreWarnedAboutAndDropped() throws Exception {
    byte[] raw = table(entry(1, 2, 0x9000, 0x6000, "nvs", 0x10002));
    EspPartitionTable table = EspPartitionTable.parseBinary(raw, DEFAULTS);
    assertTrue(table.entries().get(0).readonly());
    assertEquals(
        "WARNING: Partition definition had unknown flag(s) 0x00010000. Newer binary format?"
            + " (entry 0 'nvs'; dropped)",
        table.warnings().get(0));
    assertEquals("nvs,data,nvs,0x9000,24K,readonly", table.toCsv().lines().toList().get(2));
  }

  // ---- fuzzing: nothing but clean refusals ----

  @Test
  void randomCsvIsReadOrRefusedNeverAnythingElse() {
    Random random = new Random(2026);
    String alphabet =
        "0123456789abcdefxkKmM,:#$ -_\n\r\tappdatanvsotaphyfactoryreadonlyencrypted\u00e9{}";
    String[] seeds = {
      "nvs,data,nvs,0x9000,0x6000,", "factory,app,factory,,1M", "x,0x40,0x1,,-0x100000,readonly"
    };
    for (int n = 0; n < 5000; n++) {
      StringBuilder text = new StringBuilder(seeds[random.nextInt(seeds.length)]);
      int edits = 1 + random.nextInt(6);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(text.length() + 1);
        if (random.nextBoolean() && at < text.length()) {
          text.deleteCharAt(at);
        } else {
          text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      try {
        EspPartitionTable table = EspPartitionTable.parseCsv(text.toString(), DEFAULTS);
        table.verify(DEFAULTS);
        byte[] binary = table.toBinary(true);
        assertEquals(
            table.entries().size(),
            EspPartitionTable.parseBinary(binary, DEFAULTS).entries().size());
      } catch (PartitionTableException refused) {
        assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank());
      }
    }
  }

  @Test
  void randomlyDamagedBinariesAreReadOrRefusedNeverAnythingElse() throws Exception {
    byte[] good =
        binary("nvs,data,nvs,0x9000,0x6000\notadata,data,ota,,0x2000\nfactory,app,factory,,1M");
    Random random = new Random(7);
    for (int n = 0; n < 5000; n++) {
      byte[] damaged = Arrays.copyOf(good, random.nextInt(8) == 0 ? random.nextInt(0xc01) : 0xc00);
      for (int e = random.nextInt(4); e >= 0; e--) {
        if (damaged.length > 0) {
          damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
        }
      }
      try {
        EspPartitionTable table =
            EspPartitionTable.parseBinary(damaged, DEFAULTS.withMd5(random.nextBoolean()));
        table.toCsv();
      } catch (PartitionTableException refused) {
        assertTrue(!refused.getMessage().isBlank());
      }
    }
  }
}
