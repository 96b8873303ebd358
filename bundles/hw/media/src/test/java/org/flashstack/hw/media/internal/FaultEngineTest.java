package org.flashstack.hw.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flashstack.api.device.PowerLossException;
import org.flashstack.api.fault.DeviceFaults;
import org.flashstack.api.fault.FaultEvent;
import org.flashstack.api.fault.FaultKind;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.api.fault.OperationSchedule;
import org.flashstack.api.fault.StuckBit;
import org.flashstack.api.fault.TearStyle;
import org.flashstack.api.fault.WearOutMode;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaOperationFailedException;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;

/** The fault engine every media carries: schedules, tears, weak bits, flips, stuck bits, wear. */
class FaultEngineTest {

  private static final int SECTOR = 4096;

  private static FlashMedia media() throws IOException {
    return NorMedia.open(MediaSpec.ram("flash9", 8 * SECTOR, SECTOR));
  }

  private static byte[] bytes(FlashMedia media, long offset, int length) {
    byte[] data = new byte[length];
    media.read(offset, data, 0, length);
    return data;
  }

  private static byte[] filled(int length, int value) {
    byte[] data = new byte[length];
    Arrays.fill(data, (byte) value);
    return data;
  }

  private static byte[] random(int length, long seed) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }

  /** Programs 64 bytes at a time, counting the power cuts, and returns the operations cut. */
  private static List<Long> cutOperations(FlashMedia media, int programs) {
    List<Long> cut = new ArrayList<>();
    for (int i = 0; i < programs; i++) {
      long operation = media.operationCount();
      try {
        media.program((long) i * 64 % (8 * SECTOR), filled(64, 0xf0), 0, 64);
      } catch (PowerLossException e) {
        cut.add(operation);
      }
    }
    return cut;
  }

  @Test
  void schedulesStrikeTheOperationsTheySay() throws IOException {
    try (FlashMedia media = media()) {
      media
          .faults()
          .apply(FaultPlan.NONE.withPowerCuts(new OperationSchedule.At(3), 0, TearStyle.ORDERED));
      assertEquals(List.of(3L), cutOperations(media, 10));
    }
    try (FlashMedia media = media()) {
      media
          .faults()
          .apply(
              FaultPlan.NONE.withPowerCuts(new OperationSchedule.Every(4), 0, TearStyle.ORDERED));
      assertEquals(List.of(3L, 7L, 11L), cutOperations(media, 12));
    }
    List<List<Long>> runs = new ArrayList<>();
    for (long seed : new long[] {42, 42, 43}) {
      try (FlashMedia media = media()) {
        media
            .faults()
            .apply(
                FaultPlan.NONE
                    .withSeed(seed)
                    .withPowerCuts(new OperationSchedule.Random(10), 0.5, TearStyle.ORDERED));
        runs.add(cutOperations(media, 400));
      }
    }
    assertEquals(runs.get(0), runs.get(1), "the same seed cuts the same operations");
    assertNotEquals(runs.get(0), runs.get(2), "another seed cuts others");
    assertTrue(runs.get(0).size() > 20 && runs.get(0).size() < 80, "about 1 in 10: " + runs.get(0));
  }

  @Test
  void schedulesReadAndWriteAsPeopleTypeThem() {
    for (String text : new String[] {"none", "at:7", "every:3", "random:1000"}) {
      assertEquals(text, OperationSchedule.parse(text).toString());
    }
    assertEquals(OperationSchedule.NEVER, OperationSchedule.parse(""));
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> OperationSchedule.parse("sometimes"));
    assertTrue(bad.getMessage().contains("none, at:N, every:N or random:N"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> OperationSchedule.parse("every:0"));
    assertThrows(IllegalArgumentException.class, () -> OperationSchedule.parse("at:x"));
    assertEquals(5, OperationSchedule.exhaustive(10, 15).count());
    assertEquals(new StuckBit(0x1000, 3, 0), StuckBit.parse("0x1000.3=0"));
    assertThrows(IllegalArgumentException.class, () -> StuckBit.parse("0x1000.9=0"));
    assertThrows(
        IllegalArgumentException.class,
        () -> FaultPlan.NONE.withPowerCuts(OperationSchedule.NEVER, 1.5, TearStyle.ORDERED));
    assertThrows(IllegalArgumentException.class, () -> FaultPlan.NONE.withReadFlipRate(-0.1));
    assertEquals("none", FaultPlan.NONE.describe());
  }

  @Test
  void anOrderedCutLandsTheBytesBeforeItsPointAndIsCountedAndRecorded() throws IOException {
    try (FlashMedia media = media()) {
      List<FaultEvent> heard = new ArrayList<>();
      media.faults().addListener(heard::add);
      media
          .faults()
          .apply(
              FaultPlan.NONE.withPowerCuts(new OperationSchedule.At(0), 0.25, TearStyle.ORDERED));
      PowerLossException cut =
          assertThrows(PowerLossException.class, () -> media.program(0, filled(100, 0), 0, 100));
      assertTrue(cut.getMessage().contains("after 25 of 100 bytes"), cut.getMessage());
      assertArrayEquals(filled(25, 0), bytes(media, 0, 25));
      assertArrayEquals(filled(75, 0xff), bytes(media, 25, 75));
      assertEquals(Map.of(FaultKind.POWER_CUT, 1L), media.faults().counts());
      assertEquals(1, heard.size());
      FaultEvent event = media.faults().events().get(0);
      assertEquals(FaultKind.POWER_CUT, event.kind());
      assertEquals("flash9", event.device());
      assertEquals(0, event.operation());
      media.faults().resetCounts();
      assertTrue(media.faults().counts().isEmpty() && media.faults().events().isEmpty());
    }
  }

  @Test
  void aProgramTornBitByBitLandsOnlySomeOfItsTransitionsAndNoOthers() throws IOException {
    try (FlashMedia media = media()) {
      byte[] before = random(SECTOR, 1);
      media.program(0, before, 0, SECTOR);
      byte[] wanted = random(SECTOR, 2);
      media
          .faults()
          .apply(FaultPlan.NONE.withPowerCuts(new OperationSchedule.At(1), 0.5, TearStyle.BITWISE));
      assertThrows(PowerLossException.class, () -> media.program(0, wanted, 0, SECTOR));
      byte[] after = bytes(media, 0, SECTOR);
      int landed = 0;
      int asked = 0;
      for (int i = 0; i < SECTOR; i++) {
        int clears = before[i] & ~wanted[i] & 0xff;
        int changed = (before[i] ^ after[i]) & 0xff;
        assertEquals(0, changed & ~clears, "byte " + i + ": a bit changed that was not asked for");
        asked += Integer.bitCount(clears);
        landed += Integer.bitCount(changed);
      }
      assertTrue(landed > asked / 3 && landed < 2 * asked / 3, landed + " of " + asked);
      assertEquals(1L, media.faults().counts().get(FaultKind.TORN_PROGRAM));
    }
  }

  @Test
  void anEraseTornBitByBitLeavesWeakBitsThatReadUnstableUntilErasedAgain() throws IOException {
    try (FlashMedia media = media()) {
      media.program(SECTOR, filled(SECTOR, 0x00), 0, SECTOR);
      media
          .faults()
          .apply(FaultPlan.NONE.withPowerCuts(new OperationSchedule.At(1), 0.5, TearStyle.BITWISE));
      assertThrows(PowerLossException.class, () -> media.erase(SECTOR, SECTOR));
      media.faults().apply(FaultPlan.NONE);
      FaultEngine engine = (FaultEngine) media.faults();
      int weak = engine.weakBits(SECTOR);
      assertTrue(weak > SECTOR * 8 / 4 && weak < SECTOR * 8 * 3 / 4, "weak bits: " + weak);
      byte[] first = bytes(media, SECTOR, SECTOR);
      byte[] second = bytes(media, SECTOR, SECTOR);
      assertFalse(Arrays.equals(first, second), "weak bits read back unstable");
      // programming a weak bit to 0 makes it stable; erasing the block again heals it all
      media.program(SECTOR, filled(16, 0x00), 0, 16);
      assertArrayEquals(filled(16, 0), bytes(media, SECTOR, 16));
      assertArrayEquals(filled(16, 0), bytes(media, SECTOR, 16));
      media.erase(SECTOR, SECTOR);
      assertEquals(0, engine.weakBits(SECTOR));
      assertArrayEquals(filled(SECTOR, 0xff), bytes(media, SECTOR, SECTOR));
      assertArrayEquals(filled(SECTOR, 0xff), bytes(media, SECTOR, SECTOR));
    }
  }

  @Test
  void readFlipsChangeWhatIsReadNeverWhatIsStored() throws IOException {
    try (FlashMedia media = media()) {
      byte[] stored = random(256, 3);
      media.program(0, stored, 0, stored.length);
      media.faults().apply(FaultPlan.NONE.withReadFlipRate(1.0));
      for (int i = 0; i < 20; i++) {
        byte[] read = bytes(media, 0, 256);
        int flipped = 0;
        for (int b = 0; b < 256; b++) {
          flipped += Integer.bitCount((read[b] ^ stored[b]) & 0xff);
        }
        assertEquals(1, flipped, "one bit per read");
      }
      long value = media.readValue(0, 4, java.nio.ByteOrder.LITTLE_ENDIAN);
      long storedValue =
          (stored[0] & 0xffL)
              | (stored[1] & 0xffL) << 8
              | (stored[2] & 0xffL) << 16
              | (stored[3] & 0xffL) << 24;
      assertEquals(1, Long.bitCount(value ^ storedValue), "bus reads flip too");
      assertEquals(21L, media.faults().counts().get(FaultKind.READ_FLIP));
      media.faults().clear();
      assertArrayEquals(stored, bytes(media, 0, 256));
    }
  }

  @Test
  void stuckBitsKeepTheirValueThroughProgramAndErase() throws IOException {
    try (FlashMedia media = media()) {
      media
          .faults()
          .apply(
              FaultPlan.NONE.withStuckBits(
                  List.of(new StuckBit(0x10, 0, 1), new StuckBit(0x20, 7, 0))));
      assertEquals(0x7f, bytes(media, 0x20, 1)[0] & 0xff, "stuck at 0 from the start");
      media.program(0x10, filled(1, 0x00), 0, 1);
      assertEquals(0x01, bytes(media, 0x10, 1)[0] & 0xff, "a stuck 1 does not program");
      media.erase(0, SECTOR);
      assertEquals(0x7f, bytes(media, 0x20, 1)[0] & 0xff, "a stuck 0 does not erase");
      assertEquals(2L, media.faults().counts().get(FaultKind.STUCK_BIT));
      DeviceFaults faults = media.faults();
      FaultPlan inForce = faults.plan();
      IllegalArgumentException past =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  faults.apply(
                      FaultPlan.NONE.withStuckBits(List.of(new StuckBit(8 * SECTOR, 0, 0)))));
      assertTrue(past.getMessage().contains("past the end of the device"), past.getMessage());
      assertEquals(inForce, faults.plan(), "a refused plan changes nothing");
    }
  }

  @Test
  void programAndEraseFailuresLeaveTheCellsPartDoneAndSaySo() throws IOException {
    try (FlashMedia media = media()) {
      media.faults().apply(FaultPlan.NONE.withProgramFailures(new OperationSchedule.At(0)));
      MediaOperationFailedException program =
          assertThrows(
              MediaOperationFailedException.class,
              () -> media.program(0, filled(SECTOR, 0), 0, SECTOR));
      assertFalse(program.isErase());
      assertTrue(program.getMessage().contains("the program failed"), program.getMessage());
      assertFalse(Arrays.equals(filled(SECTOR, 0), bytes(media, 0, SECTOR)));
      media.faults().apply(FaultPlan.NONE.withEraseFailures(new OperationSchedule.At(1)));
      MediaOperationFailedException erase =
          assertThrows(MediaOperationFailedException.class, () -> media.erase(0, SECTOR));
      assertTrue(erase.isErase());
      assertFalse(Arrays.equals(filled(SECTOR, 0xff), bytes(media, 0, SECTOR)));
      assertEquals(1L, media.faults().counts().get(FaultKind.PROGRAM_FAILURE));
      assertEquals(1L, media.faults().counts().get(FaultKind.ERASE_FAILURE));
    }
  }

  @Test
  void aSectorErasedMoreOftenThanItsEnduranceWearsOutAsConfigured() throws IOException {
    try (FlashMedia media = media()) {
      media.faults().apply(FaultPlan.NONE.withWearOut(3, WearOutMode.ERASE_FAILS));
      for (int i = 0; i < 3; i++) {
        media.program(0, filled(16, 0), 0, 16);
        media.erase(0, SECTOR);
      }
      media.program(0, filled(SECTOR, 0), 0, SECTOR);
      assertThrows(MediaOperationFailedException.class, () -> media.erase(0, SECTOR));
      media.erase(SECTOR, SECTOR); // another sector is fine
      assertEquals(1L, media.faults().counts().get(FaultKind.WEAR_OUT));
    }
    try (FlashMedia media = media()) {
      media.faults().apply(FaultPlan.NONE.withWearOut(2, WearOutMode.PROGRAM_FAILS));
      media.erase(0, SECTOR);
      media.erase(0, SECTOR);
      assertThrows(
          MediaOperationFailedException.class, () -> media.program(0, filled(64, 0), 0, 64));
      media.program(SECTOR, filled(64, 0), 0, 64);
    }
    try (FlashMedia media = media()) {
      media.faults().apply(FaultPlan.NONE.withWearOut(2, WearOutMode.BITS_STICK));
      for (int i = 0; i < 5; i++) {
        media.erase(0, SECTOR);
      }
      // erases 3, 4 and 5 are past the endurance: a stuck 0 bit each (two may share a byte)
      assertEquals(3L, media.faults().counts().get(FaultKind.STUCK_BIT));
      byte[] erased = bytes(media, 0, SECTOR);
      int zeros = 0;
      for (byte b : erased) {
        zeros += 8 - Integer.bitCount(b & 0xff);
      }
      assertTrue(zeros >= 1 && zeros <= 3, "stuck bits read 0 after an erase: " + zeros);
    }
  }

  @Test
  void theSamePlanOverTheSameOperationsLeavesTheSameCells() throws IOException {
    byte[][] results = new byte[2][];
    for (int run = 0; run < 2; run++) {
      try (FlashMedia media = media()) {
        media
            .faults()
            .apply(
                FaultPlan.NONE
                    .withSeed(7)
                    .withPowerCuts(
                        new OperationSchedule.Random(5), FaultPlan.RANDOM_POINT, TearStyle.BITWISE)
                    .withProgramFailures(new OperationSchedule.Random(7)));
        Random work = new Random(11);
        for (int i = 0; i < 200; i++) {
          try {
            if (work.nextInt(4) == 0) {
              media.erase((long) work.nextInt(8) * SECTOR, SECTOR);
            } else {
              media.program(work.nextInt(8 * SECTOR - 64), random(64, i), 0, 64);
            }
          } catch (PowerLossException | MediaOperationFailedException e) {
            // expected now and then
          }
        }
        media.faults().clear();
        results[run] = new byte[8 * SECTOR];
        for (int s = 0; s < 8; s++) {
          if (((FaultEngine) media.faults()).weakBits((long) s * SECTOR) > 0) {
            media.erase((long) s * SECTOR, SECTOR); // weak bits read at random: settle them
          }
        }
        media.read(0, results[run], 0, results[run].length);
      }
    }
    assertArrayEquals(results[0], results[1]);
  }

  @Test
  void theEventLogKeepsTheLatestEvents() throws IOException {
    try (FlashMedia media = media()) {
      media.faults().apply(FaultPlan.NONE.withReadFlipRate(1.0));
      for (int i = 0; i < DeviceFaults.EVENTS_KEPT + 10; i++) {
        bytes(media, 0, 4);
      }
      assertEquals(DeviceFaults.EVENTS_KEPT, media.faults().events().size());
      assertEquals(
          DeviceFaults.EVENTS_KEPT + 10L, media.faults().counts().get(FaultKind.READ_FLIP));
    }
  }
}
