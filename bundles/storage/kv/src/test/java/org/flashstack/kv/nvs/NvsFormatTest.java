package org.flashstack.kv.nvs;

import static org.flashstack.kv.nvs.NvsFormat.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NVS format: its CRC, the layout the builder writes, and the reader reading it back, good and
 * damaged, as ESP-IDF reads it.
 */
class NvsFormatTest {

  @TempDir Path dir;

  @Test
  void theCrcIsZlibsContinuedFromAllOnes() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    // Python: zlib.crc32(b"123456789", 0xffffffff) == 0xd202d277
    assertEquals(0xd202d277, NvsCrc32.of(check, 0, check.length));
    assertEquals(0xffffffff, NvsCrc32.of(new byte[0], 0, 0));
  }

  @Test
  void theBuilderWritesTheLayoutEspIdfReads() throws Exception {
    byte[] image =
        new NvsImageBuilder(0x4000)
            .namespace("storage")
            .put("counter", NvsType.U32, 0xdeadbeefL)
            .putString("name", "flash")
            .build();
    // page 0: full (as the generator leaves every page but the last), sequence 0, version 2, its
    // header CRC over bytes 4..27
    assertEquals(PAGE_FULL, NvsEntries.u32(image, HEADER_STATE));
    assertEquals(0, NvsEntries.u32(image, HEADER_SEQUENCE));
    assertEquals(0xFE, image[HEADER_VERSION] & 0xff);
    assertEquals(NvsCrc32.of(image, 4, 24), NvsEntries.u32(image, HEADER_CRC));
    // four entries written: namespace, counter, the string header and one data entry
    assertEquals(0xAA, image[BITMAP_OFFSET] & 0xff, "entries 0-3 written (10 each)");
    assertEquals(0xFF, image[BITMAP_OFFSET + 1] & 0xff);
    int ns = ENTRIES_OFFSET;
    assertEquals(0, image[ns + ITEM_NAMESPACE]);
    assertEquals(NvsType.U8.code(), image[ns + ITEM_TYPE]);
    assertEquals(1, image[ns + ITEM_DATA], "the first namespace is index 1");
    assertEquals("storage", NvsEntries.key(image, ns));
    int counter = ns + ENTRY_SIZE;
    assertEquals(1, image[counter + ITEM_NAMESPACE]);
    assertEquals(0xFF, image[counter + ITEM_CHUNK_INDEX] & 0xff);
    assertEquals(0xdeadbeef, NvsEntries.u32(image, counter + ITEM_DATA));
    assertEquals(-1, NvsEntries.u32(image, counter + ITEM_DATA + 4), "unused data bytes are 0xFF");
    assertEquals(NvsEntries.entryCrc(image, counter), NvsEntries.u32(image, counter + ITEM_CRC));
    int string = counter + ENTRY_SIZE;
    assertEquals(2, image[string + ITEM_SPAN]);
    assertEquals(6, NvsEntries.u16(image, string + VARIABLE_SIZE), "with its NUL");
    assertEquals("flash\0", new String(image, string + ENTRY_SIZE, 6, StandardCharsets.US_ASCII));
    assertEquals(PAGE_FULL, NvsEntries.u32(image, PAGE_SIZE), "page 1 has a header, nothing more");
    assertEquals(-1, NvsEntries.u32(image, PAGE_SIZE + ENTRIES_OFFSET));
    assertEquals(-1, NvsEntries.u32(image, 3 * PAGE_SIZE), "the last page is erased");
  }

  @Test
  void whatTheBuilderWritesReadsBackWithEveryType() throws Exception {
    byte[] big = new byte[9000];
    new Random(5).nextBytes(big);
    byte[] image =
        new NvsImageBuilder(0x6000)
            .namespace("a")
            .put("u8", NvsType.U8, 255)
            .put("i8", NvsType.I8, -128)
            .put("u16", NvsType.U16, 65535)
            .put("i16", NvsType.I16, -32768)
            .put("u32", NvsType.U32, 4294967295L)
            .put("i32", NvsType.I32, Integer.MIN_VALUE)
            .put("u64", NvsType.U64, -1L)
            .put("i64", NvsType.I64, Long.MIN_VALUE)
            .namespace("b")
            .putString("s", "hello")
            .putBlob("big", big)
            .namespace("a")
            .put("u8", NvsType.U8, 7)
            .build();
    NvsImageReader.Contents contents = NvsImageReader.read(image);
    assertEquals(List.of(), contents.problems());
    assertEquals(1, contents.namespaces().get("a"));
    assertEquals(2, contents.namespaces().get("b"));
    assertEquals("7", text(contents, "a", "u8"), "the later value wins");
    assertEquals("-128", text(contents, "a", "i8"));
    assertEquals("65535", text(contents, "a", "u16"));
    assertEquals("-32768", text(contents, "a", "i16"));
    assertEquals("4294967295", text(contents, "a", "u32"));
    assertEquals("-2147483648", text(contents, "a", "i32"));
    assertEquals("18446744073709551615", text(contents, "a", "u64"));
    assertEquals("-9223372036854775808", text(contents, "a", "i64"));
    assertEquals("hello", text(contents, "b", "s"));
    NvsItem blob = find(contents, "b", "big");
    assertEquals("blob", blob.typeName());
    assertArrayEquals(big, blob.bytes(), "a blob across three pages, chunk by chunk");
    assertEquals(List.of("FULL", "FULL", "FULL", "FULL", "FULL", "EMPTY"), contents.pageStates());
  }

  @Test
  void damagedEntriesAndPagesAreSkippedAsEspIdfSkipsThem() throws Exception {
    byte[] image =
        new NvsImageBuilder(0x3000)
            .namespace("n")
            .put("keep", NvsType.U8, 1)
            .put("flip", NvsType.U8, 2)
            .putString("text", "abcdef")
            .build();
    image[ENTRIES_OFFSET + 2 * ENTRY_SIZE + ITEM_DATA] ^= 0x01; // flip's value: entry CRC breaks
    image[ENTRIES_OFFSET + 4 * ENTRY_SIZE] ^= 0x01; // text's data: data CRC breaks
    NvsImageReader.Contents contents = NvsImageReader.read(image);
    assertEquals("1", text(contents, "n", "keep"));
    assertNull(find(contents, "n", "flip"));
    assertNull(find(contents, "n", "text"));
    assertEquals(2, contents.problems().size(), contents.problems().toString());
    assertTrue(contents.problems().get(0).contains("entry 2: entry CRC mismatch"));
    assertTrue(contents.problems().get(1).contains("data CRC mismatch"));

    byte[] badState = image.clone();
    NvsEntries.put32(badState, HEADER_STATE, 0x12345678); // not a state NVS writes
    NvsImageReader.Contents invalid = NvsImageReader.read(badState);
    assertEquals("INVALID", invalid.pageStates().get(0));
    assertTrue(invalid.items().isEmpty());
    assertTrue(invalid.problems().get(0).contains("page 0: state INVALID (0x12345678), skipped"));

    image[HEADER_SEQUENCE] ^= 0x01; // the header CRC breaks: the whole page is corrupt
    NvsImageReader.Contents corrupt = NvsImageReader.read(image);
    assertEquals("CORRUPT", corrupt.pageStates().get(0));
    assertTrue(corrupt.items().isEmpty());
    assertThrows(NvsException.class, () -> NvsImageReader.read(new byte[5000]));
  }

  @Test
  void theLimitsAreEspIdfsWithItsErrors() throws Exception {
    NvsImageBuilder builder = new NvsImageBuilder(0x3000).namespace("n");
    assertEquals(
        "ESP_ERR_NVS_KEY_TOO_LONG",
        assertThrows(NvsException.class, () -> builder.put("sixteen_chars_xx", NvsType.U8, 1))
            .espError());
    assertEquals(
        "ESP_ERR_NVS_VALUE_TOO_LONG",
        assertThrows(NvsException.class, () -> builder.put("k", NvsType.U8, 256)).espError());
    assertEquals(
        "ESP_ERR_NVS_VALUE_TOO_LONG",
        assertThrows(NvsException.class, () -> builder.putString("k", "x".repeat(4000)))
            .espError());
    builder.putString("k", "x".repeat(3999));
    assertEquals(
        "ESP_ERR_NVS_NOT_ENOUGH_SPACE",
        assertThrows(NvsException.class, () -> builder.putBlob("b", new byte[9000])).espError(),
        "three pages, one kept free");
    assertThrows(NvsException.class, () -> new NvsImageBuilder(0x2000));
    assertThrows(NvsException.class, () -> new NvsImageBuilder(0x3100));
  }

  @Test
  void theGeneratorsCsvBecomesAnImage() throws Exception {
    Files.writeString(dir.resolve("sample.hex"), "0102030405060708\n");
    Files.writeString(dir.resolve("sample.base64"), "MTIzYWJj\n");
    Files.writeString(dir.resolve("sample.txt"), "a string from a file");
    Files.write(dir.resolve("blob.bin"), new byte[] {9, 8, 7});
    Path csv = dir.resolve("sample.csv");
    Files.writeString(
        csv,
        String.join(
            "\n",
            "# Sample csv file",
            "key,type,encoding,value",
            "dummyNamespace,namespace,,",
            "dummyU8Key,data,u8,127",
            "dummyI8Key,data,i8,-128",
            "dummyU16Key,data,u16,32768",
            "dummyU32Key,data,u32,4294967295",
            "dummyI32Key,data,i32,-2147483648",
            "dummyStringKey,data,string,0A:0B:0C:0D:0E:0F",
            "dummyHex2BinKey,data,hex2bin,010203abcdef",
            "dummyBase64Key,data,base64,MTIzYWJj",
            "hexFileKey,file,hex2bin,sample.hex",
            "base64FileKey,file,base64,sample.base64",
            "stringFileKey,file,string,sample.txt",
            "blobFileKey,file,binary,blob.bin",
            "quoted,data,string,\"a, b\"",
            ""));
    NvsImageReader.Contents contents = NvsImageReader.read(NvsCsv.generate(csv, 0x3000));
    assertEquals(List.of(), contents.problems());
    assertEquals("127", text(contents, "dummyNamespace", "dummyU8Key"));
    assertEquals("-128", text(contents, "dummyNamespace", "dummyI8Key"));
    assertEquals("32768", text(contents, "dummyNamespace", "dummyU16Key"));
    assertEquals("4294967295", text(contents, "dummyNamespace", "dummyU32Key"));
    assertEquals("-2147483648", text(contents, "dummyNamespace", "dummyI32Key"));
    assertEquals("0A:0B:0C:0D:0E:0F", text(contents, "dummyNamespace", "dummyStringKey"));
    assertEquals("010203abcdef", text(contents, "dummyNamespace", "dummyHex2BinKey"));
    assertEquals("313233616263", text(contents, "dummyNamespace", "dummyBase64Key"));
    assertEquals("0102030405060708", text(contents, "dummyNamespace", "hexFileKey"));
    assertEquals("313233616263", text(contents, "dummyNamespace", "base64FileKey"));
    assertEquals("a string from a file", text(contents, "dummyNamespace", "stringFileKey"));
    assertEquals("090807", text(contents, "dummyNamespace", "blobFileKey"));
    assertEquals("a, b", text(contents, "dummyNamespace", "quoted"));

    Files.writeString(csv, "key,type,encoding,value\nk,data,u8,1\n");
    NvsException first = assertThrows(NvsException.class, () -> NvsCsv.generate(csv, 0x3000));
    assertTrue(first.getMessage().contains("line 2"), first.getMessage());
    Files.writeString(csv, "key,type,encoding,value\nn,namespace,,\nk,data,u9,1\n");
    NvsException encoding = assertThrows(NvsException.class, () -> NvsCsv.generate(csv, 0x3000));
    assertTrue(encoding.getMessage().contains("encoding 'u9'"), encoding.getMessage());
  }

  private static NvsItem find(NvsImageReader.Contents contents, String namespace, String key) {
    return contents.items().stream()
        .filter(item -> item.namespace().equals(namespace) && item.key().equals(key))
        .findFirst()
        .orElse(null);
  }

  private static String text(NvsImageReader.Contents contents, String namespace, String key) {
    NvsItem item = find(contents, namespace, key);
    assertNotNull(item, namespace + "/" + key);
    return item.valueText();
  }
}
