package org.flashstack.flashlog;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.flashstack.api.device.PowerLossException;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.api.fault.OperationSchedule;
import org.flashstack.api.fault.TearStyle;
import org.flashstack.api.log.LogRecord;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;

/**
 * The power-cut campaign of the record log (issue 16), with the media's fault engine (issue 14):
 * appends of random sizes on eight 4 KiB units, so the ring wraps and units are erased all the
 * time, with the power cut at random points inside programs and erases, ordered or bit by bit.
 * After every cut the log opens again and is checked: every acknowledged record the ring still
 * keeps is read back as appended, no record is returned that was not appended (nothing torn), the
 * newest acknowledged record is there, and the log appends again.
 *
 * <p>CI runs {@value #CI_CUTS} cuts; {@code -Dcampaign.cuts=N -Dcampaign.seed=S} runs more. The
 * report goes to {@code target/power-cut-campaign-flashlog.txt}.
 */
class FlashLogPowerCutCampaignTest {

  static final int CI_CUTS = 10_000;

  static final class MediaLogFlash implements LogFlash {
    final FlashMedia media;
    String lastOperation = "";

    MediaLogFlash(FlashMedia media) {
      this.media = media;
    }

    @Override
    public int unitSize() {
      return 4096;
    }

    @Override
    public int units() {
      return (int) (media.size() / 4096);
    }

    @Override
    public void read(long offset, byte[] destination, int from, int length) {
      media.read(offset, destination, from, length);
    }

    @Override
    public void program(long offset, byte[] source, int from, int length) {
      lastOperation = offset % 4096 == 0 ? "unit header" : "record";
      media.program(offset, source, from, length);
    }

    @Override
    public void eraseUnit(int unit) {
      lastOperation = "unit erase";
      media.erase((long) unit * 4096, 4096);
    }
  }

  @Test
  void noAcknowledgedRecordIsLostAndNothingTornIsReturned() throws Exception {
    int cuts = Integer.getInteger("campaign.cuts", CI_CUTS);
    long seed = Long.getLong("campaign.seed", 16);
    Random random = new Random(seed);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    Map<Long, byte[]> acknowledged = new HashMap<>();
    Map<Long, byte[]> attempted = new HashMap<>();
    int made = 0;
    long steps = 0;
    long[] clock = {0};
    try (FlashMedia media = NorMedia.open(MediaSpec.ram("logs", 8 * 4096, 4096))) {
      MediaLogFlash flash = new MediaLogFlash(media);
      FlashRecordLog log = FlashRecordLog.open(flash, () -> ++clock[0]);
      while (made < cuts && failures.size() < 20) {
        steps++;
        byte[] payload = new byte[random.nextInt(random.nextInt(8) == 0 ? 3000 : 200)];
        random.nextBytes(payload);
        if (random.nextInt(3) != 0) {
          long at = media.operationCount() + random.nextInt(3);
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
        long expected = log.statistics().newestSequence() + 1;
        attempted.put(expected, payload);
        try {
          LogRecord record = log.append(payload);
          acknowledged.put(record.sequence(), payload);
          outcomes.merge("append done", 1, Integer::sum);
        } catch (PowerLossException e) {
          made++;
          outcomes.merge("append cut in a " + flash.lastOperation, 1, Integer::sum);
          media.faults().apply(FaultPlan.NONE);
          log = FlashRecordLog.open(flash, () -> ++clock[0]);
          check(log, acknowledged, attempted, "seed " + seed + " step " + steps, failures);
        } finally {
          media.faults().apply(FaultPlan.NONE);
        }
      }
    }
    report(seed, cuts, made, steps, outcomes, failures);
    assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
    assertTrue(made >= cuts, "only " + made + " cuts in " + steps + " steps");
  }

  private static void check(
      FlashRecordLog log,
      Map<Long, byte[]> acknowledged,
      Map<Long, byte[]> attempted,
      String where,
      List<String> failures)
      throws Exception {
    long oldest = log.statistics().oldestSequence();
    for (LogRecord record : log.read(1, Integer.MAX_VALUE, true)) {
      byte[] appended = attempted.get(record.sequence());
      if (appended == null || !Arrays.equals(appended, record.payload())) {
        failures.add(where + ": record " + record.sequence() + " was never appended like this");
      }
    }
    long newest = acknowledged.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    if (newest > 0 && log.statistics().newestSequence() < newest) {
      failures.add(where + ": the newest acknowledged record " + newest + " is gone");
    }
    for (Map.Entry<Long, byte[]> record : acknowledged.entrySet()) {
      if (record.getKey() >= oldest && record.getKey() > newest - 10) {
        List<LogRecord> found = log.read(record.getKey(), 1, true);
        if (found.isEmpty() || found.get(0).sequence() != record.getKey()) {
          failures.add(where + ": acknowledged record " + record.getKey() + " lost");
        }
      }
    }
    // the sequence goes on from what is on flash: what was attempted but is not there never was
    long next = log.statistics().newestSequence() + 1;
    attempted.keySet().removeIf(sequence -> sequence >= next);
    acknowledged.keySet().removeIf(sequence -> sequence >= next);
  }

  private static void report(
      long seed,
      int cuts,
      int made,
      long steps,
      Map<String, Integer> outcomes,
      List<String> failures)
      throws Exception {
    StringBuilder out = new StringBuilder();
    out.append("Record log power-cut campaign: seed ")
        .append(seed)
        .append(", ")
        .append(made)
        .append(" cuts (asked ")
        .append(cuts)
        .append(") in ")
        .append(steps)
        .append(" appends\n");
    outcomes.forEach((outcome, count) -> out.append(String.format("  %-32s %d%n", outcome, count)));
    out.append(failures.isEmpty() ? "no failures\n" : String.join("\n", failures) + "\n");
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("power-cut-campaign-flashlog.txt"), out);
    }
    System.out.print(out);
  }
}
