package org.flashstack.update;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.flashstack.api.board.BoardConfiguration;
import org.flashstack.api.board.BoardPreset;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.api.fault.OperationSchedule;
import org.flashstack.api.fault.TearStyle;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.update.BootDecision;
import org.flashstack.api.update.SlotState;
import org.flashstack.api.update.SlotStatus;
import org.flashstack.api.update.UpdateException;
import org.flashstack.board.BoardPresetReader;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The power-cut campaign (issue 14): on each board preset's slots (primary, staging, recovery, as
 * the preset places them on its chips), update flows run with the power cut at random points inside
 * their operations, ordered or bit by bit, and after every cut the board boots again. Checked after
 * each cut: boot selection finds a valid image; an acknowledged activation boots next (while its
 * trial lasts) and an acknowledged confirmation keeps booting; an acknowledged staged image is
 * still there; the board is never unbootable.
 *
 * <p>CI runs {@value #CI_CUTS} cuts per preset; {@code -Dcampaign.cuts=N -Dcampaign.seed=S} runs
 * more. The report (cuts, outcomes per step, the longest run of cuts in a row, and the seed and
 * step of every failure, enough to repeat it) goes to {@code
 * target/power-cut-campaign-<preset>.txt}.
 */
class PowerCutCampaignTest {

  static final int CI_CUTS = 10_000;
  static final int ATTEMPTS = 3;

  /** A preset's slots on media of its chips' geometry. */
  static final class Board implements AutoCloseable {
    final Map<String, FlashMedia> chips = new HashMap<>();
    final Map<String, MediaRegion> partitions = new HashMap<>();
    String slotDevice;

    Board(String preset) throws IOException {
      BoardPreset board;
      try (Reader in =
          new InputStreamReader(
              BoardPresetReader.class.getResourceAsStream(
                  "/org/flashstack/board/presets/" + preset + ".board"),
              StandardCharsets.UTF_8)) {
        board = BoardPresetReader.read(preset, in);
      }
      Map<String, ChipPart> parts = new HashMap<>();
      for (BoardConfiguration c : board.configurations()) {
        if (c.factoryPid().equals("org.flashstack.hw.spinor")) {
          parts.put(
              c.properties().get("device.name"),
              ChipCatalog.builtIn().part(c.properties().get("spi.part")));
        }
      }
      for (BoardConfiguration c : board.configurations()) {
        if (!c.factoryPid().equals("org.flashstack.partition")) {
          continue;
        }
        String name = c.properties().get("partition.name");
        if (!List.of("primary", "staging", "recovery").contains(name)) {
          continue;
        }
        String device = c.properties().get("flash.target").replaceAll(".*=(\\w+)\\).*", "$1");
        ChipPart part = parts.get(device);
        FlashMedia media = chips.get(device);
        if (media == null) {
          media = NorMedia.open(MediaSpec.ram(device, part.size(), part.smallestErase()));
          chips.put(device, media);
        }
        if (name.equals("primary")) {
          slotDevice = device;
        }
        partitions.put(
            name,
            new MediaRegion(
                name,
                media,
                size(c.properties().get("offset")),
                size(c.properties().get("size")),
                part.smallestErase()));
      }
    }

    static long size(String text) {
      String t = text.trim();
      long unit = 1;
      if (t.endsWith("M")) {
        unit = 1 << 20;
        t = t.substring(0, t.length() - 1);
      } else if (t.endsWith("K")) {
        unit = 1 << 10;
        t = t.substring(0, t.length() - 1);
      }
      return Long.decode(t) * unit;
    }

    AbUpdate update() {
      return new AbUpdate(
          partitions.get("primary"),
          partitions.get("staging"),
          partitions.get("recovery"),
          ATTEMPTS);
    }

    /** The chip the slots are on (every preset keeps primary and staging on one chip). */
    FlashMedia slotChip() {
      return chips.get(slotDevice);
    }

    void arm(FaultPlan plan) {
      slotChip().faults().apply(plan);
    }

    long operations() {
      return slotChip().operationCount();
    }

    @Override
    public void close() {
      chips.values().forEach(FlashMedia::close);
    }
  }

  /** What was acknowledged, and so what a boot must do. */
  static final class Model {
    /** The confirmed image that boots when no trial does, or null if none is known to. */
    String confirmed;

    /** The activated image on trial, or null. */
    String trial;

    /** Acknowledged boots of the trial. */
    int trialBoots;

    /** Boots of the trial cut by the power: each may or may not have counted. */
    int uncertainBoots;

    /** The acknowledged staged image not activated yet, or null. */
    String staged;

    /** An image whose activation was cut: it may have landed. */
    String maybeActivated;
  }

  enum Step {
    STAGE,
    ACTIVATE,
    BOOT,
    CONFIRM
  }

  @ParameterizedTest
  @ValueSource(strings = {"single-flash", "dual-flash", "multi-flash"})
  void updateFlowsSurviveEveryPowerCut(String preset) throws Exception {
    int cuts = Integer.getInteger("campaign.cuts", CI_CUTS);
    long seed = Long.getLong("campaign.seed", 14);
    Random random = new Random(seed ^ preset.hashCode());
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int made = 0;
    int steps = 0;
    int inARow = 0;
    int longestInARow = 0;
    int version = 1;
    try (Board board = new Board(preset)) {
      AbUpdate update = board.update();
      update.provisionRecovery(UpdateImage.build(0, 0, 0, payload(random, 0)));
      Model model = new Model();
      while (made < cuts && failures.size() < 20) {
        Step step = next(random, model);
        steps++;
        byte[] image = null;
        if (step == Step.STAGE) {
          version++;
          image =
              UpdateImage.build(1 + version / 65536, version % 65536, 0, payload(random, version));
        }
        boolean armed = random.nextInt(4) != 0;
        if (armed) {
          long at = board.operations() + random.nextInt(step == Step.STAGE ? 24 : 2);
          board.arm(
              FaultPlan.NONE
                  .withSeed(random.nextLong())
                  .withPowerCuts(
                      new OperationSchedule.At(at),
                      FaultPlan.RANDOM_POINT,
                      random.nextBoolean() ? TearStyle.ORDERED : TearStyle.BITWISE));
        }
        String where = preset + " seed " + seed + " step " + steps + " (" + step + ")";
        boolean cut = false;
        try {
          String result = run(update, step, image, model);
          outcomes.merge(step + " done", 1, Integer::sum);
          check(update, model, where, failures, result, step);
        } catch (UpdateException e) {
          if (!(e.getCause() instanceof FlashException f && f.error() == FlashError.POWER_LOST)) {
            failures.add(where + ": " + e.getMessage());
            continue;
          }
          cut = true;
          made++;
          outcomes.merge(step + " cut", 1, Integer::sum);
          if (step == Step.BOOT) {
            model.uncertainBoots++;
          }
          if (step == Step.ACTIVATE && model.staged != null) {
            model.maybeActivated = model.staged;
          }
        } finally {
          board.arm(FaultPlan.NONE);
        }
        inARow = cut ? inARow + 1 : 0;
        longestInARow = Math.max(longestInARow, inARow);
        if (cut) {
          // the board comes back: boot at once, without faults, as a reset does
          afterCut(update, model, where, failures);
        }
      }
      report(preset, seed, cuts, made, steps, outcomes, longestInARow, failures);
    }
    assertTrue(
        failures.isEmpty(),
        preset + ": " + failures.size() + " failures:\n" + String.join("\n", failures));
    assertTrue(made >= cuts, preset + ": only " + made + " cuts in " + steps + " steps");
  }

  private static byte[] payload(Random random, int version) {
    byte[] payload = new byte[2_000 + random.nextInt(40_000)];
    random.nextBytes(payload);
    payload[0] = (byte) version;
    return payload;
  }

  /** A step that makes sense now (all of them do; some only refuse). */
  private static Step next(Random random, Model model) {
    int r = random.nextInt(10);
    if (model.trial != null) {
      return r < 4 ? Step.BOOT : r < 7 ? Step.CONFIRM : r < 9 ? Step.STAGE : Step.ACTIVATE;
    }
    if (model.staged != null) {
      return r < 6 ? Step.ACTIVATE : r < 8 ? Step.BOOT : Step.STAGE;
    }
    return r < 6 ? Step.STAGE : Step.BOOT;
  }

  /** Runs an acknowledged step, updating the model; returns the booted version for a boot. */
  private static String run(AbUpdate update, Step step, byte[] image, Model model)
      throws UpdateException {
    switch (step) {
      case STAGE -> {
        model.staged = null;
        model.maybeActivated = null;
        if (model.trial != null) {
          // the slot that is not active holds the last confirmed image: staging replaces it
          model.confirmed = null;
        }
        SlotStatus staged = update.stage(image);
        model.staged = staged.version();
        return null;
      }
      case ACTIVATE -> {
        try {
          SlotStatus active = update.activate();
          if (model.trial != null) {
            model.confirmed = null;
          }
          model.trial = active.version();
          model.trialBoots = 0;
          model.uncertainBoots = 0;
          model.staged = null;
          model.maybeActivated = null;
        } catch (UpdateException e) {
          if (e.reason() != UpdateException.Reason.NOT_APPLICABLE
              && e.reason() != UpdateException.Reason.RECORD_FULL) {
            throw e;
          }
        }
        return null;
      }
      case CONFIRM -> {
        try {
          SlotStatus confirmed = update.confirm();
          model.confirmed = confirmed.version();
          model.trial = null;
        } catch (UpdateException e) {
          if (e.reason() != UpdateException.Reason.NOT_APPLICABLE
              && e.reason() != UpdateException.Reason.RECORD_FULL) {
            throw e;
          }
        }
        return null;
      }
      default -> {
        return update.boot().version();
      }
    }
  }

  /** What the next boot must choose, or null if any valid image will do. */
  private static String expected(Model model) {
    if (model.trial != null) {
      return model.trialBoots + model.uncertainBoots < ATTEMPTS ? model.trial : null;
    }
    return model.confirmed;
  }

  private static void check(
      AbUpdate update, Model model, String where, List<String> failures, String booted, Step step)
      throws UpdateException {
    if (step != Step.BOOT) {
      return;
    }
    String must = expected(model);
    if (booted == null) {
      failures.add(where + ": unbootable");
    } else if (must != null && !must.equals(booted)) {
      failures.add(where + ": booted " + booted + ", the acknowledged state says " + must);
    }
    if (model.trial != null) {
      if (booted != null && booted.equals(model.trial)) {
        model.trialBoots++;
      } else {
        // rolled back: the trial is over; the slot it was in is the other's now
        model.trial = null;
      }
    }
  }

  private static void afterCut(AbUpdate update, Model model, String where, List<String> failures)
      throws UpdateException {
    String must = expected(model);
    BootDecision boot = update.boot();
    if (!boot.bootable()) {
      failures.add(where + ": unbootable after the cut");
      return;
    }
    if (model.maybeActivated != null && boot.version().equals(model.maybeActivated)) {
      // the cut activation had landed: that image is on trial now, this boot its first
      if (model.trial != null) {
        model.confirmed = null;
      }
      model.trial = model.maybeActivated;
      model.trialBoots = 1;
      model.uncertainBoots = 0;
      model.staged = null;
      model.maybeActivated = null;
      return;
    }
    model.maybeActivated = null;
    if (must != null && !must.equals(boot.version())) {
      failures.add(
          where + ": after the cut booted " + boot.version() + ", acknowledged says " + must);
    }
    if (model.trial != null) {
      if (boot.version().equals(model.trial)) {
        model.trialBoots++;
      } else {
        model.trial = null;
      }
    }
    if (model.staged != null) {
      boolean there = false;
      for (SlotStatus slot : update.status().slots()) {
        there |= slot.version().equals(model.staged) && slot.state() != SlotState.EMPTY;
      }
      if (!there) {
        failures.add(where + ": the acknowledged staged image " + model.staged + " is gone");
      }
    }
  }

  private static void report(
      String preset,
      long seed,
      int asked,
      int made,
      int steps,
      Map<String, Integer> outcomes,
      int longestInARow,
      List<String> failures)
      throws IOException {
    Map<String, Object> lines = new LinkedHashMap<>();
    lines.put("preset", preset);
    lines.put("seed", seed + " (-Dcampaign.seed)");
    lines.put("cuts asked", asked + " (-Dcampaign.cuts)");
    lines.put("cuts made", made);
    lines.put("steps", steps);
    lines.put("outcomes", outcomes);
    lines.put("most cuts in a row", longestInARow);
    lines.put("failures", failures.size());
    StringBuilder text = new StringBuilder();
    lines.forEach((k, v) -> text.append(String.format("%-20s %s%n", k, v)));
    for (String failure : failures) {
      text.append("  ").append(failure).append('\n');
    }
    Path out = Path.of("target", "power-cut-campaign-" + preset + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text);
    System.out.print(text);
  }
}
