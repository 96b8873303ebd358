package org.flashstack.kv.nvs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real ESP-IDF images (test resources, see their README): the generator gives ESP-IDF's image byte
 * for byte from the same CSV, the reader reads ESP-IDF's images, version 1 blobs included, and the
 * store opens one and takes new values.
 */
class EspIdfImagesTest {

  @TempDir Path dir;

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = EspIdfImagesTest.class.getResourceAsStream("/esp-idf/" + name)) {
      assertNotNull(in, name);
      return in.readAllBytes();
    }
  }

  private static String text(NvsImageReader.Contents contents, String key) {
    return contents.items().stream()
        .filter(item -> item.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key))
        .valueText();
  }

  @Test
  void theGeneratorGivesEspIdfsImageByteForByte() throws Exception {
    Path csv = dir.resolve("partition_nvs_data.csv");
    Files.write(csv, resource("partition_nvs_data.csv"));
    byte[] expected = resource("nvs_partition.bin");
    assertArrayEquals(expected, NvsCsv.generate(csv, 0x6000));
  }

  @Test
  void theReaderReadsEspIdfsImages() throws Exception {
    NvsImageReader.Contents generated = NvsImageReader.read(resource("nvs_partition.bin"));
    assertEquals(List.of(), generated.problems());
    assertEquals(List.of("FULL", "FULL", "FULL", "FULL", "FULL", "EMPTY"), generated.pageStates());
    assertEquals("255", text(generated, "u8_key"));
    assertEquals("-128", text(generated, "i8_key"));
    assertEquals("65535", text(generated, "u16_key"));
    assertEquals("4294967295", text(generated, "u32_key"));
    assertEquals("-2147483648", text(generated, "i32_key"));
    assertTrue(text(generated, "str_key").startsWith("Lorem ipsum dolor sit amet, consectetur"));
    assertTrue(text(generated, "str_key").endsWith("interdum vel dui."));

    NvsImageReader.Contents old = NvsImageReader.read(resource("part_old_blob_format.bin"));
    assertEquals(List.of(), old.problems());
    assertEquals(1, old.namespaces().get("dummyNamespace"));
    assertEquals("127", text(old, "dummyU8Key"));
    assertEquals("0A:0B:0C:0D:0E:0F", text(old, "dummyStringKey"));
    assertEquals("010203abcdef", text(old, "dummyHex2BinKey"), "a version 1 blob");
    assertEquals("abcdefghijklmnopqrstuvwxyz", text(old, "stringFileKey"));
  }

  @Test
  void theStoreOpensEspIdfsImageAndTakesNewValues() throws Exception {
    RamNvsFlash flash = new RamNvsFlash(resource("nvs_partition.bin"));
    NvsStore store = NvsStore.open(flash);
    assertEquals("65535", store.get("storage", "u16_key").valueText());
    store.setInteger("storage", "u16_key", NvsType.U16, 7);
    store.setString("storage", "added", "after the factory image");
    NvsImageReader.Contents contents = NvsImageReader.read(flash.cells.clone());
    assertEquals(List.of(), contents.problems());
    assertEquals("7", text(contents, "u16_key"));
    assertEquals("after the factory image", text(contents, "added"));
    assertEquals("255", text(contents, "u8_key"));
    assertEquals(
        1, contents.pageStates().stream().filter("EMPTY"::equals).count(), "one page kept free");
  }
}
