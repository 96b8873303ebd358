package org.flashstack.kv.nvs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The live store: values, reclaiming pages, reopening, and power cuts at every write. */
class NvsStoreTest {

  @Test
  void valuesOfEveryTypeSurviveAReopenAndEspIdfsReaderSeesThem() throws Exception {
    RamNvsFlash flash = new RamNvsFlash(4);
    NvsStore store = NvsStore.open(flash);
    store.setInteger("wifi", "channel", NvsType.U8, 11);
    store.setInteger("wifi", "offset", NvsType.I32, -5);
    store.setString("wifi", "ssid", "FlashStack");
    byte[] cert = new byte[5000];
    new Random(1).nextBytes(cert);
    store.setBlob("certs", "device", cert);
    NvsStore again = NvsStore.open(flash);
    assertEquals("11", again.get("wifi", "channel").valueText());
    assertEquals("-5", again.get("wifi", "offset").valueText());
    assertEquals("FlashStack", again.get("wifi", "ssid").valueText());
    assertArrayEquals(cert, again.get("certs", "device").bytes());
    NvsImageReader.Contents contents = NvsImageReader.read(flash.cells.clone());
    assertEquals(List.of(), contents.problems());
    assertEquals(4, contents.items().size());
    assertEquals(Map.of("wifi", 1, "certs", 2), Map.copyOf(contents.namespaces()));
  }

  @Test
  void aGeneratedImageOpensAndTakesNewValues() throws Exception {
    byte[] image =
        new NvsImageBuilder(0x4000)
            .namespace("cfg")
            .put("boot", NvsType.U16, 3)
            .putString("mode", "fast")
            .build();
    RamNvsFlash flash = new RamNvsFlash(image);
    NvsStore store = NvsStore.open(flash);
    assertEquals("3", store.get("cfg", "boot").valueText());
    store.setInteger("cfg", "boot", NvsType.U16, 4);
    store.setString("cfg", "mode", "safe");
    NvsImageReader.Contents contents = NvsImageReader.read(flash.cells.clone());
    assertEquals(List.of(), contents.problems());
    assertEquals(
        List.of("cfg/boot=4", "cfg/mode=safe"),
        contents.items().stream()
            .map(i -> i.namespace() + "/" + i.key() + "=" + i.valueText())
            .sorted()
            .toList());
  }

  @Test
  void anEqualValueIsNotWrittenAgain() throws Exception {
    NvsStore store = NvsStore.open(new RamNvsFlash(3));
    store.setString("n", "k", "same");
    long before = store.statistics().bytesProgrammed();
    store.setString("n", "k", "same");
    assertEquals(before, store.statistics().bytesProgrammed());
  }

  @Test
  void manyUpdatesReclaimPagesAndNothingCommittedIsLost() throws Exception {
    RamNvsFlash flash = new RamNvsFlash(3);
    NvsStore store = NvsStore.open(flash);
    for (int i = 0; i < 2000; i++) {
      store.setInteger("n", "counter", NvsType.U32, i);
      store.setString("n", "label", "value " + (i % 7));
    }
    assertTrue(store.statistics().pageErases() > 10, "pages were reclaimed");
    NvsStore again = NvsStore.open(flash);
    assertEquals("1999", again.get("n", "counter").valueText());
    assertEquals("value " + (1999 % 7), again.get("n", "label").valueText());
    assertEquals(List.of(), NvsImageReader.read(flash.cells.clone()).problems());
  }

  @Test
  void errorsAreEspIdfs() throws Exception {
    NvsStore store = NvsStore.open(new RamNvsFlash(3));
    assertEquals(
        "ESP_ERR_NVS_NOT_FOUND",
        assertThrows(NvsException.class, () -> store.get("none", "k")).espError());
    store.setInteger("n", "k", NvsType.U8, 1);
    assertEquals(
        "ESP_ERR_NVS_NOT_FOUND",
        assertThrows(NvsException.class, () -> store.get("n", "x")).espError());
    assertEquals(
        "ESP_ERR_NVS_KEY_TOO_LONG",
        assertThrows(
                NvsException.class, () -> store.setInteger("n", "a_key_of_16_char", NvsType.U8, 1))
            .espError());
    assertEquals(
        "ESP_ERR_NVS_VALUE_TOO_LONG",
        assertThrows(NvsException.class, () -> store.setInteger("n", "k", NvsType.I8, 200))
            .espError());
    store.erase("n", "k");
    assertThrows(NvsException.class, () -> store.get("n", "k"));
    byte[] tooBig = new byte[3 * 4000];
    assertEquals(
        "ESP_ERR_NVS_NOT_ENOUGH_SPACE",
        assertThrows(NvsException.class, () -> store.setBlob("n", "big", tooBig)).espError());
    assertThrows(NvsException.class, () -> NvsStore.open(new RamNvsFlash(2)));
  }

  /**
   * A script of writes, cut at every flash operation in turn: after each cut the store opens, every
   * acknowledged value is there, the interrupted one is old or new, nothing torn is read, and the
   * store takes writes again.
   */
  @Test
  void aPowerCutAtEveryFlashOperationLosesNothingAcknowledged() throws Exception {
    int operations = countOperations();
    assertTrue(operations > 200, "the script does " + operations + " flash operations");
    int interrupted = 0;
    for (int cut = 0; cut < operations; cut++) {
      RamNvsFlash flash = new RamNvsFlash(PAGES);
      flash.cutAt = cut;
      Map<String, String> acknowledged = new HashMap<>();
      String[] inFlight = null;
      try {
        NvsStore store = NvsStore.open(flash);
        for (String[] step : script()) {
          inFlight = step;
          apply(store, step);
          acknowledged.put(step[0], step[1]);
          inFlight = null;
        }
      } catch (RamNvsFlash.PowerCut expected) {
        // the power went: reopen below
      }
      flash.cutAt = -1;
      NvsStore store = NvsStore.open(flash);
      for (Map.Entry<String, String> value : acknowledged.entrySet()) {
        if (inFlight != null && inFlight[0].equals(value.getKey())) {
          continue;
        }
        assertEquals(
            value.getValue(), read(store, value.getKey()), "cut " + cut + ": " + value.getKey());
      }
      if (inFlight != null) {
        interrupted++;
        String now = read(store, inFlight[0]);
        String before = acknowledged.get(inFlight[0]);
        assertTrue(
            inFlight[1].equals(now) || java.util.Objects.equals(before, now),
            "cut "
                + cut
                + ": "
                + inFlight[0]
                + " is "
                + now
                + ", neither "
                + before
                + " nor "
                + inFlight[1]);
      }
      store.setString("after", "cut", "writable " + cut);
      assertEquals("writable " + cut, NvsStore.open(flash).get("after", "cut").valueText());
    }
    assertEquals(
        operations - 1,
        interrupted,
        "every cut but the first (opening: page 0 made active) fell in a write");
  }

  /** Five pages: four for values (one is always kept free), as a small ESP-IDF partition. */
  private static final int PAGES = 5;

  private static int countOperations() throws Exception {
    RamNvsFlash flash = new RamNvsFlash(PAGES);
    NvsStore store = NvsStore.open(flash);
    for (String[] step : script()) {
      apply(store, step);
    }
    assertTrue(store.statistics().pageErases() >= 3, "the script reclaims pages");
    return (int) flash.operations;
  }

  /** Steps: key, value; "b:" values are blobs (hex), "s:" strings, others u32. */
  private static List<String[]> script() {
    List<String[]> steps = new java.util.ArrayList<>();
    Random random = new Random(42);
    for (int i = 0; i < 150; i++) {
      int kind = i % 3;
      String key = "k" + (i % 4);
      String value =
          switch (kind) {
            case 0 -> Integer.toString(random.nextInt(1000));
            case 1 -> "s:" + "text".repeat(1 + random.nextInt(20));
            default -> {
              byte[] blob = new byte[100 + random.nextInt(1100)];
              random.nextBytes(blob);
              yield "b:" + HexFormat.of().formatHex(blob);
            }
          };
      steps.add(new String[] {kind + key, value});
    }
    return steps;
  }

  private static void apply(NvsStore store, String[] step) throws Exception {
    String value = step[1];
    if (value.startsWith("s:")) {
      store.setString("ns", step[0], value.substring(2));
    } else if (value.startsWith("b:")) {
      store.setBlob("ns", step[0], HexFormat.of().parseHex(value.substring(2)));
    } else {
      store.setInteger("ns", step[0], NvsType.U32, Long.parseLong(value));
    }
  }

  private static String read(NvsStore store, String key) throws Exception {
    try {
      NvsItem item = store.get("ns", key);
      return switch (item.type()) {
        case STRING -> "s:" + new String(item.bytes(), StandardCharsets.UTF_8);
        case BLOB_DATA -> "b:" + HexFormat.of().formatHex(item.bytes());
        default -> item.valueText();
      };
    } catch (NvsException e) {
      return null;
    }
  }
}
