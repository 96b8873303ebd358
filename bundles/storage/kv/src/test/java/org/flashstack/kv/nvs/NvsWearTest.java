package org.flashstack.kv.nvs;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;

/**
 * Wear: reclaiming spreads the erases over the pages, as ESP-IDF's does: the emptiest page is
 * reclaimed, the oldest of those that tie, so the pages the writes go through take turns. Like
 * ESP-IDF's, it does not move values that never change (no static wear levelling): the page that
 * holds them is reclaimed only when it is the emptiest.
 */
class NvsWearTest {

  @Test
  void erasesSpreadOverEveryPage() throws Exception {
    try (FlashMedia media =
        NorMedia.open(MediaSpec.ram("nvs", 8 * NvsFormat.PAGE_SIZE, NvsFormat.PAGE_SIZE))) {
      NvsStore store = NvsStore.open(new NvsPowerCutCampaignTest.MediaNvsFlash(media));
      for (int i = 0; i < 5; i++) {
        store.setString("cfg", "fixed" + i, "a value that never changes " + i);
      }
      for (int i = 0; i < 30_000; i++) {
        store.setInteger("cfg", "counter" + (i % 3), NvsType.U32, i);
      }
      long[] erases = new long[8];
      for (int page = 0; page < 8; page++) {
        erases[page] = media.eraseCount(page);
      }
      long[] turned = Arrays.stream(erases).filter(count -> count > 0).toArray();
      assertTrue(
          turned.length >= 7,
          "all pages but the static one take turns: " + Arrays.toString(erases));
      long min = Arrays.stream(turned).min().getAsLong();
      long max = Arrays.stream(turned).max().getAsLong();
      assertTrue(max - min <= 2, "erases spread evenly: " + Arrays.toString(erases));
      assertEquals("29999", store.get("cfg", "counter2").valueText());
      assertEquals("a value that never changes 4", store.get("cfg", "fixed4").valueText());
    }
  }
}
