package org.flashstack.kv.nvs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.flashstack.api.device.PowerLossException;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.api.fault.OperationSchedule;
import org.flashstack.api.fault.TearStyle;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;

/**
 * The power-cut campaign of the NVS store (issue 16), with the fault engine of the media (issue
 * 14): a random workload of sets (integers, strings, blobs across pages) and erases over 40 keys in
 * three namespaces on an 8-page partition, so pages are reclaimed all the time, with the power cut
 * at random points inside the store's flash operations, ordered or bit by bit. After every cut the
 * store opens again and is checked: every acknowledged value is there, the interrupted one is its
 * old or its new value (never a mix, never torn), nothing else appeared, and the store writes
 * again.
 *
 * <p>CI runs {@value #CI_CUTS} cuts; {@code -Dcampaign.cuts=N -Dcampaign.seed=S} runs more. The
 * report goes to {@code target/power-cut-campaign-nvs.txt}.
 */
class NvsPowerCutCampaignTest {

  static final int CI_CUTS = 10_000;

  /** The store's flash on media with the fault engine: every program and erase is counted. */
  static final class MediaNvsFlash implements NvsFlash {
    final FlashMedia media;
    String lastOperation = "";

    MediaNvsFlash(FlashMedia media) {
      this.media = media;
    }

    @Override
    public int pageCount() {
      return (int) (media.size() / NvsFormat.PAGE_SIZE);
    }

    @Override
    public void read(long offset, byte[] destination, int from, int length) {
      media.read(offset, destination, from, length);
    }

    @Override
    public void program(long offset, byte[] source, int from, int length) {
      lastOperation = reclaiming() ? "program of a reclaim" : "program";
      media.program(offset, source, from, length);
    }

    /** Whether a page is freeing: a reclaim is moving its values. */
    private boolean reclaiming() {
      byte[] state = new byte[4];
      for (int page = 0; page < pageCount(); page++) {
        media.read((long) page * NvsFormat.PAGE_SIZE, state, 0, 4);
        if (NvsEntries.u32(state, 0) == NvsFormat.PAGE_FREEING) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void erasePage(int page) {
      lastOperation = "page erase (reclaim)";
      media.erase((long) page * NvsFormat.PAGE_SIZE, NvsFormat.PAGE_SIZE);
    }
  }

  @Test
  void nothingAcknowledgedIsLostAtAnyCut() throws Exception {
    int cuts = Integer.getInteger("campaign.cuts", CI_CUTS);
    long seed = Long.getLong("campaign.seed", 16);
    Random random = new Random(seed);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int made = 0;
    long steps = 0;
    try (FlashMedia media =
        NorMedia.open(MediaSpec.ram("nvs", 8 * NvsFormat.PAGE_SIZE, NvsFormat.PAGE_SIZE))) {
      MediaNvsFlash flash = new MediaNvsFlash(media);
      NvsStore store = NvsStore.open(flash);
      Map<String, String> model = new HashMap<>();
      while (made < cuts && failures.size() < 20) {
        steps++;
        String slot = "ns" + random.nextInt(3) + "/k" + random.nextInt(8);
        String value = random.nextInt(8) == 0 ? null : value(random);
        String step = value == null ? "erase" : "set " + value.substring(0, 1);
        boolean armed = random.nextInt(3) != 0;
        if (armed) {
          long at =
              media.operationCount()
                  + random.nextInt(value != null && value.startsWith("b") ? 12 : 4);
          media
              .faults()
              .apply(
                  FaultPlan.NONE
                      .withSeed(random.nextLong())
                      .withPowerCuts(
                          new OperationSchedule.At(at),
                          FaultPlan.RANDOM_POINT,
                          random.nextBoolean() ? TearStyle.ORDERED : TearStyle.BITWISE));
        }
        try {
          apply(store, slot, value);
          if (value == null) {
            model.remove(slot);
          } else {
            model.put(slot, value);
          }
          outcomes.merge(step + " done", 1, Integer::sum);
        } catch (NvsException e) {
          if (e.espError().equals("ESP_ERR_NVS_NOT_ENOUGH_SPACE")) {
            outcomes.merge(
                step + " refused: full", 1, Integer::sum); // nothing changed: checked below
          } else if (!e.espError().equals("ESP_ERR_NVS_NOT_FOUND") || value != null) {
            failures.add("seed " + seed + " step " + steps + ": " + e.getMessage());
          }
        } catch (PowerLossException e) {
          made++;
          outcomes.merge(step + " cut in a " + flash.lastOperation, 1, Integer::sum);
          media.faults().apply(FaultPlan.NONE);
          store = NvsStore.open(flash);
          String where = "seed " + seed + " step " + steps + " (" + step + " " + slot + ")";
          check(store, model, slot, value, where, failures);
          String now = read(store, slot);
          if (now == null) {
            model.remove(slot);
          } else {
            model.put(slot, now);
          }
        } finally {
          media.faults().apply(FaultPlan.NONE);
        }
      }
      report(seed, cuts, made, steps, outcomes, failures);
    }
    assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
    assertTrue(made >= cuts, "only " + made + " cuts in " + steps + " steps");
  }

  private static String value(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> "i" + random.nextInt(1 << 30);
      case 1 -> "s" + "text-".repeat(random.nextInt(60));
      default -> {
        byte[] blob = new byte[1 + random.nextInt(random.nextInt(4) == 0 ? 5000 : 600)];
        random.nextBytes(blob);
        yield "b" + HexFormat.of().formatHex(blob);
      }
    };
  }

  private static void apply(NvsStore store, String slot, String value)
      throws IOException, NvsException {
    String[] at = slot.split("/");
    if (value == null) {
      store.erase(at[0], at[1]);
    } else if (value.startsWith("i")) {
      store.setInteger(at[0], at[1], NvsType.I32, Long.parseLong(value.substring(1)));
    } else if (value.startsWith("s")) {
      store.setString(at[0], at[1], value.substring(1));
    } else {
      store.setBlob(at[0], at[1], HexFormat.of().parseHex(value.substring(1)));
    }
  }

  private static String read(NvsStore store, String slot) throws IOException {
    String[] at = slot.split("/");
    try {
      NvsItem item = store.get(at[0], at[1]);
      return switch (item.type()) {
        case STRING -> "s" + new String(item.bytes(), StandardCharsets.UTF_8);
        case BLOB_DATA -> "b" + HexFormat.of().formatHex(item.bytes());
        default -> "i" + item.integer();
      };
    } catch (NvsException e) {
      return null;
    }
  }

  private static void check(
      NvsStore store,
      Map<String, String> model,
      String slot,
      String value,
      String where,
      List<String> failures)
      throws IOException, NvsException {
    for (Map.Entry<String, String> kept : model.entrySet()) {
      if (!kept.getKey().equals(slot)
          && !Objects.equals(kept.getValue(), read(store, kept.getKey()))) {
        failures.add(where + ": acknowledged " + kept.getKey() + " lost or changed");
      }
    }
    String now = read(store, slot);
    if (!Objects.equals(now, model.get(slot)) && !Objects.equals(now, value)) {
      failures.add(where + ": the interrupted value reads as neither the old nor the new one");
    }
    int found = store.list(null).size();
    long expected =
        model.keySet().stream().filter(k -> !k.equals(slot)).count() + (now == null ? 0 : 1);
    if (found != expected) {
      failures.add(where + ": " + found + " values after the cut, expected " + expected);
    }
  }

  private static void report(
      long seed,
      int cuts,
      int made,
      long steps,
      Map<String, Integer> outcomes,
      List<String> failures)
      throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("NVS power-cut campaign: seed ")
        .append(seed)
        .append(", ")
        .append(made)
        .append(" cuts (asked ")
        .append(cuts)
        .append(") in ")
        .append(steps)
        .append(" steps\n");
    outcomes.forEach((outcome, count) -> out.append(String.format("  %-40s %d%n", outcome, count)));
    out.append(failures.isEmpty() ? "no failures\n" : String.join("\n", failures) + "\n");
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("power-cut-campaign-nvs.txt"), out);
    }
    System.out.print(out);
  }
}
