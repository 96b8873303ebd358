package org.flashstack.flashlog;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.flashstack.api.log.LogRecord;
import org.flashstack.api.log.LogStatistics;
import org.junit.jupiter.api.Test;

/** The record log: appends, reads both ways, the ring, and power cuts at every flash operation. */
class FlashRecordLogTest {

  final AtomicLong now = new AtomicLong(1_700_000_000_000L);

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(LogRecord record) {
    return new String(record.payload(), StandardCharsets.UTF_8);
  }

  @Test
  void recordsReadForwardBackwardAndAfterAReopen() throws Exception {
    RamLogFlash flash = new RamLogFlash(4096, 4);
    FlashRecordLog log = FlashRecordLog.open(flash, now::incrementAndGet);
    for (int i = 1; i <= 10; i++) {
      assertEquals(i, log.append(text("record " + i)).sequence());
    }
    assertEquals(
        List.of("record 4", "record 5", "record 6"),
        log.read(4, 3, true).stream().map(FlashRecordLogTest::text).toList());
    assertEquals(
        List.of("record 4", "record 3"),
        log.read(4, 2, false).stream().map(FlashRecordLogTest::text).toList());
    assertEquals(
        List.of("record 9", "record 10"),
        log.tail(2).stream().map(FlashRecordLogTest::text).toList());
    FlashRecordLog again = FlashRecordLog.open(flash, now::incrementAndGet);
    assertEquals(10, again.statistics().newestSequence());
    assertEquals(1_700_000_000_005L, again.read(5, 1, true).get(0).timestampMillis());
    assertEquals(11, again.append(text("record 11")).sequence(), "the sequence goes on");
  }

  @Test
  void theRingDropsTheOldestUnitWhenFull() throws Exception {
    RamLogFlash flash = new RamLogFlash(1024, 3);
    FlashRecordLog log = FlashRecordLog.open(flash, now::incrementAndGet);
    byte[] payload = new byte[200];
    for (int i = 0; i < 100; i++) {
      log.append(payload);
    }
    LogStatistics stats = log.statistics();
    assertEquals(100, stats.newestSequence());
    assertTrue(stats.oldestSequence() > 80, "only the newest units are kept: " + stats);
    assertEquals(stats.newestSequence() - stats.oldestSequence() + 1, stats.records());
    assertTrue(stats.unitErases() > 3);
    assertEquals(stats.records(), FlashRecordLog.open(flash, now::get).statistics().records());
    assertEquals(
        stats.oldestSequence(), log.read(1, 1, true).get(0).sequence(), "from a dropped one");
  }

  @Test
  void aRecordLargerThanAUnitIsRefusedAndNothingChanges() throws Exception {
    RamLogFlash flash = new RamLogFlash(256, 2);
    FlashRecordLog log = FlashRecordLog.open(flash, now::get);
    log.append(text("kept"));
    byte[] before = flash.cells.clone();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> log.append(new byte[256]));
    assertTrue(e.getMessage().contains("at most " + (256 - 16 - 28)), e.getMessage());
    assertArrayEquals(before, flash.cells);
    assertThrows(
        IllegalArgumentException.class,
        () -> FlashRecordLog.open(new RamLogFlash(4096, 1), now::get));
  }

  /**
   * Cuts at every flash operation of a run of appends that wraps the ring, with torn programs both
   * ordered and bitwise: every acknowledged record is read back as it was appended, nothing else is
   * ever returned, and the log appends again.
   */
  @Test
  void aPowerCutAtEveryOperationLosesNoAcknowledgedRecordAndReturnsNothingTorn() throws Exception {
    for (boolean bitwise : new boolean[] {false, true}) {
      int operations = run(-1, bitwise).operations;
      assertTrue(operations > 150, operations + " flash operations");
      for (int cut = 0; cut < operations; cut++) {
        Outcome outcome = run(cut, bitwise);
        FlashRecordLog reopened = FlashRecordLog.open(outcome.flash, now::get);
        long oldest = reopened.statistics().oldestSequence();
        for (LogRecord record : reopened.read(1, Integer.MAX_VALUE, true)) {
          String appended = outcome.attempted.get(record.sequence());
          assertNotNull(
              appended, "cut " + cut + ": record " + record.sequence() + " was never appended");
          assertEquals(appended, text(record), "cut " + cut + ": record " + record.sequence());
        }
        for (Map.Entry<Long, String> acknowledged : outcome.acknowledged.entrySet()) {
          if (acknowledged.getKey() >= oldest) {
            List<LogRecord> found = reopened.read(acknowledged.getKey(), 1, true);
            assertEquals(acknowledged.getKey(), found.get(0).sequence(), "cut " + cut + ": lost");
          }
        }
        assertTrue(
            outcome.acknowledged.isEmpty()
                || reopened.statistics().newestSequence()
                    >= outcome.acknowledged.keySet().stream().mapToLong(l -> l).max().getAsLong(),
            "cut " + cut + ": the newest acknowledged record is there");
        long next = reopened.append(text("after the cut")).sequence();
        assertEquals(
            "after the cut",
            text(FlashRecordLog.open(outcome.flash, now::get).read(next, 1, true).get(0)));
      }
    }
  }

  private record Outcome(
      RamLogFlash flash,
      int operations,
      Map<Long, String> acknowledged,
      Map<Long, String> attempted) {}

  private Outcome run(long cut, boolean bitwise) throws Exception {
    RamLogFlash flash = new RamLogFlash(512, 4);
    flash.cutAt = cut;
    flash.bitwise = bitwise;
    Map<Long, String> acknowledged = new HashMap<>();
    Map<Long, String> attempted = new HashMap<>();
    Random random = new Random(11);
    try {
      FlashRecordLog log = FlashRecordLog.open(flash, now::get);
      for (int i = 0; i < 120; i++) {
        String payload = "entry " + i + " " + "x".repeat(random.nextInt(90));
        attempted.put(log.statistics().newestSequence() + 1, payload);
        long sequence = log.append(text(payload)).sequence();
        acknowledged.put(sequence, payload);
      }
    } catch (RamLogFlash.PowerCut expected) {
      // reopened by the caller
    }
    flash.cutAt = -1;
    return new Outcome(flash, (int) flash.operations, acknowledged, attempted);
  }
}
