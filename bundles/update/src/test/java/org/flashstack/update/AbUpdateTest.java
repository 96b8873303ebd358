package org.flashstack.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.api.fault.OperationSchedule;
import org.flashstack.api.fault.TearStyle;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.update.BootDecision;
import org.flashstack.api.update.SlotState;
import org.flashstack.api.update.SlotStatus;
import org.flashstack.api.update.UpdateException;
import org.flashstack.api.update.UpdateStatus;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The update flow, its refusals, rollback, and the image format. */
class AbUpdateTest {

  static final int BLOCK = 4096;
  final FlashMedia media;
  final AbUpdate update;

  AbUpdateTest() throws IOException {
    media = NorMedia.open(MediaSpec.ram("flash0", 64 * BLOCK, BLOCK));
    update =
        new AbUpdate(
            new MediaRegion("primary", media, 0, 16 * BLOCK, BLOCK),
            new MediaRegion("staging", media, 16 * BLOCK, 16 * BLOCK, BLOCK),
            new MediaRegion("recovery", media, 32 * BLOCK, 32 * BLOCK, BLOCK),
            3);
  }

  @AfterEach
  void close() {
    media.close();
  }

  static byte[] image(int minor, int length) {
    byte[] payload = new byte[length];
    new Random(minor).nextBytes(payload);
    return UpdateImage.build(1, minor, 0, payload);
  }

  private byte[] cells() {
    byte[] all = new byte[(int) media.size()];
    media.read(0, all, 0, all.length);
    return all;
  }

  @Test
  void theImageFormatRoundTripsAndRefusesWhatIsWrong() throws Exception {
    byte[] image = image(2, 1000);
    UpdateImage header = UpdateImage.verify(image);
    assertEquals("1.2.0", header.version());
    assertEquals(1000, header.payloadLength());
    byte[] flipped = image.clone();
    flipped[UpdateImage.HEADER + 10] ^= 1;
    UpdateException digest = assertThrows(UpdateException.class, () -> UpdateImage.verify(flipped));
    assertTrue(digest.getMessage().contains("SHA-256"), digest.getMessage());
    byte[] badHeader = image.clone();
    badHeader[13] ^= 1;
    assertTrue(
        assertThrows(UpdateException.class, () -> UpdateImage.verify(badHeader))
            .getMessage()
            .contains("header CRC"));
    assertTrue(
        assertThrows(UpdateException.class, () -> UpdateImage.verify(Arrays.copyOf(image, 500)))
            .getMessage()
            .contains("the header says 1000 payload bytes, the image has 436"));
    assertTrue(
        assertThrows(UpdateException.class, () -> UpdateImage.verify(new byte[10]))
            .getMessage()
            .contains("shorter than the 64-byte header"));
    assertThrows(IllegalArgumentException.class, () -> UpdateImage.build(70000, 0, 0, new byte[1]));
  }

  @Test
  void stageActivateBootConfirmAndTheNextUpdateGoesIntoTheOtherSlot() throws Exception {
    update.provisionRecovery(image(0, 3000));
    assertEquals(BootDecision.Source.RECOVERY, update.boot().source(), "nothing staged yet");

    SlotStatus staged = update.stage(image(1, 20_000));
    assertEquals("primary", staged.name());
    assertEquals(SlotState.STAGED, staged.state());
    assertEquals(BootDecision.Source.RECOVERY, update.boot().source(), "staged is not active");
    assertEquals(SlotState.TRIAL, update.activate().state());

    BootDecision first = update.boot();
    assertEquals("primary", first.partition());
    assertEquals("1.1.0", first.version());
    assertEquals("trial boot 1 of 3", first.reason());
    assertEquals(SlotState.CONFIRMED, update.confirm().state());
    assertEquals("the active slot, confirmed", update.boot().reason());

    SlotStatus next = update.stage(image(2, 30_000));
    assertEquals("staging", next.name(), "the active slot is never written");
    update.activate();
    UpdateStatus status = update.status();
    assertEquals(SlotState.INACTIVE, status.slots().get(0).state());
    assertEquals(SlotState.TRIAL, status.slots().get(1).state());
    assertTrue(status.slots().get(1).active());
    assertEquals("1.2.0", update.boot().version());
    update.confirm();
    assertEquals("primary", update.stage(image(3, 1000)).name());
  }

  @Test
  void aTrialThatIsNeverConfirmedIsRolledBackAfterItsAttempts() throws Exception {
    update.provisionRecovery(image(0, 3000));
    update.stage(image(1, 5000));
    update.activate();
    update.boot();
    update.confirm();
    update.stage(image(2, 5000));
    update.activate();
    for (int attempt = 1; attempt <= 3; attempt++) {
      BootDecision trial = update.boot();
      assertEquals("staging", trial.partition());
      assertEquals("trial boot " + attempt + " of 3", trial.reason());
    }
    BootDecision back = update.boot();
    assertEquals("primary", back.partition());
    assertEquals(BootDecision.Source.OTHER, back.source());
    assertTrue(back.reason().startsWith("rolled back from staging (1.2.0)"), back.reason());
    assertEquals(SlotState.BAD, update.status().slots().get(1).state());
    BootDecision after = update.boot();
    assertEquals("primary", after.partition(), "and stays rolled back");
    assertEquals(
        "the active slot, confirmed", after.reason(), "the previous image is active again");
  }

  @Test
  void refusedStepsChangeNoByte() throws Exception {
    update.stage(image(1, 5000));
    byte[] before = cells();
    byte[] broken = image(2, 5000);
    broken[100] ^= 1;
    assertEquals(
        UpdateException.Reason.BAD_IMAGE,
        assertThrows(UpdateException.class, () -> update.stage(broken)).reason());
    assertEquals(
        UpdateException.Reason.TOO_LARGE,
        assertThrows(UpdateException.class, () -> update.stage(image(3, 15 * BLOCK))).reason());
    assertEquals(
        UpdateException.Reason.NOT_APPLICABLE,
        assertThrows(UpdateException.class, update::confirm).reason());
    assertArrayEquals(before, cells());
    update.activate();
    byte[] activated = cells();
    assertEquals(
        UpdateException.Reason.NOT_APPLICABLE,
        assertThrows(UpdateException.class, update::activate).reason(),
        "nothing else is staged");
    assertArrayEquals(activated, cells());
  }

  @Test
  void aFullBootLogIsRefusedWithItsRemedyAndAStageStartsANewOne() throws Exception {
    update.provisionRecovery(image(0, 500));
    update.stage(image(1, 500));
    // what many torn appends would leave: every cell after STAGED used, none a record
    byte[] garbage = new byte[BLOCK - BootRecord.SIZE];
    media.program(16 * BLOCK - BLOCK + BootRecord.SIZE, garbage, 0, garbage.length);
    UpdateException full = assertThrows(UpdateException.class, update::activate);
    assertEquals(UpdateException.Reason.RECORD_FULL, full.reason(), full.getMessage());
    assertTrue(full.getMessage().contains("stage the image again"), full.getMessage());
    assertEquals(BootDecision.Source.RECOVERY, update.boot().source());
    update.stage(image(1, 500));
    assertEquals(SlotState.TRIAL, update.activate().state());
    assertEquals("primary", update.boot().partition());
  }

  @Test
  void anImageActivatedBeforeIsNotActivatedAgain() throws Exception {
    update.stage(image(1, 500));
    update.activate();
    update.boot();
    update.confirm();
    update.stage(image(2, 500));
    update.activate();
    UpdateException again = assertThrows(UpdateException.class, update::activate);
    assertEquals(UpdateException.Reason.NOT_APPLICABLE, again.reason());
    assertTrue(again.getMessage().contains("stage one first"), again.getMessage());
  }

  @Test
  void aStageCutByThePowerLeavesTheActiveImageBooting() throws Exception {
    update.provisionRecovery(image(0, 3000));
    update.stage(image(1, 20_000));
    update.activate();
    update.boot();
    update.confirm();
    for (long cut = 0; cut < 12; cut++) {
      media
          .faults()
          .apply(
              FaultPlan.NONE.withPowerCuts(
                  new OperationSchedule.At(media.operationCount() + cut), 0.5, TearStyle.BITWISE));
      try {
        update.stage(image(2, 20_000));
      } catch (UpdateException e) {
        assertEquals(UpdateException.Reason.FLASH, e.reason(), e.getMessage());
      }
      media.faults().clear();
      BootDecision boot = update.boot();
      assertEquals("primary", boot.partition(), "cut at " + cut);
      assertEquals("1.1.0", boot.version());
    }
  }
}
