package org.flashstack.hw.cfi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.List;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;

/** AMD devices on a bus as on a board: each its own state machine on its own lanes. */
class AmdCfiBankTest {

  final VirtualClock clock = new VirtualClock();

  private static FlashMedia media(CfiPart part, int interleave) {
    try {
      return NorMedia.open(MediaSpec.ram("nor9", AmdCfiBank.bankSectors(part, interleave)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Unlock cycles and a command to every device of a 2 x16 bank (word address x 4). */
  private static void both(AmdCfiBank bank, int word, int command) {
    bank.write(4L * word, 4, (long) command << 16 | command);
  }

  @Test
  void twoX16DevicesAnswerEachOnTheirLanesAndMayBeInDifferentModes() {
    try (FlashMedia media = media(CfiParts.AM29LV160DB, 2)) {
      AmdCfiBank bank =
          AmdCfiBank.onMedia(
              "nor9", CfiParts.AM29LV160DB, media, 2, 2, ByteOrder.LITTLE_ENDIAN, clock);
      assertEquals(4, bank.bankWidth());
      // autoselect on the low device only: a 2-byte write reaches only its lane
      bank.write(4L * 0x555, 2, 0xAA);
      bank.write(4L * 0x2AA, 2, 0x55);
      bank.write(4L * 0x555, 2, 0x90);
      long ids = bank.read(4L * 0x01, 4);
      assertEquals(0x2249, ids & 0xffff, "device 0 in autoselect");
      assertEquals(0xffff, ids >>> 16, "device 1 still reads its array");
      // program on the high device only
      bank.write(4L * 0x555 + 2, 2, 0xAA);
      bank.write(4L * 0x2AA + 2, 2, 0x55);
      bank.write(4L * 0x555 + 2, 2, 0xA0);
      bank.write(0x102, 2, 0x1234);
      assertTrue(bank.chips().get(1).isBusy());
      assertFalse(bank.chips().get(0).isBusy());
      clock.advance(CfiParts.AM29LV160DB.amdPart().wordProgramNanos());
      both(bank, 0, 0xF0);
      assertEquals(0x1234_ffffL, bank.read(0x100, 4));
      assertEquals(0x12, media.readValue(0x103, 1, ByteOrder.LITTLE_ENDIAN), "bank image layout");
      assertThrows(MmioAccessException.class, () -> bank.write(0x101, 1, 0xF0), "half a device");
    }
  }

  @Test
  void aSectorEraseOfOneDeviceLeavesTheOtherDevicesBytes() {
    try (FlashMedia media = media(CfiParts.AM29LV160DB, 2)) {
      AmdCfiBank bank =
          AmdCfiBank.onMedia(
              "nor9", CfiParts.AM29LV160DB, media, 2, 2, ByteOrder.LITTLE_ENDIAN, clock);
      media.program(0, new byte[] {0, 0, 0, 0}, 0, 4);
      // erase device 0's first sector only
      bank.write(4L * 0x555, 2, 0xAA);
      bank.write(4L * 0x2AA, 2, 0x55);
      bank.write(4L * 0x555, 2, 0x80);
      bank.write(4L * 0x555, 2, 0xAA);
      bank.write(4L * 0x2AA, 2, 0x55);
      bank.write(0, 2, 0x30);
      clock.advance(
          AmdCommandSetChip.ERASE_WINDOW_NANOS + CfiParts.AM29LV160DB.amdPart().sectorEraseNanos());
      assertFalse(bank.isBusy());
      assertEquals(0x0000_ffffL, bank.read(0, 4), "device 1 kept its programmed word");
    }
  }

  @Test
  void statusReadsShowEachDevicesOwnToggle() {
    try (FlashMedia media = media(CfiParts.AM29LV160DT, 2)) {
      AmdCfiBank bank =
          AmdCfiBank.onMedia(
              "nor9", CfiParts.AM29LV160DT, media, 2, 2, ByteOrder.LITTLE_ENDIAN, clock);
      both(bank, 0x555, 0xAA);
      both(bank, 0x2AA, 0x55);
      both(bank, 0x555, 0xA0);
      bank.write(0x200, 2, 0x0000); // only device 0 programs
      long first = bank.read(0x200, 4);
      long second = bank.read(0x200, 4);
      assertTrue(((first ^ second) & AmdCommandSetChip.DQ6) != 0, "device 0 toggles");
      assertEquals(0, (first ^ second) >>> 16, "device 1 reads steady array data");
      // a 4-byte read of a 2 x16 bank reads each device once: two reads, two toggles
    }
  }

  @Test
  void byteModeAndBigEndianLanes() {
    try (FlashMedia media = media(CfiParts.AM29LV160DB, 1)) {
      AmdCfiBank bank =
          AmdCfiBank.onMedia(
              "nor9", CfiParts.AM29LV160DB, media, 1, 1, ByteOrder.BIG_ENDIAN, clock);
      bank.write(0xAAA, 1, 0xAA);
      bank.write(0x555, 1, 0x55);
      bank.write(0xAAA, 1, 0x90);
      assertEquals(0x49, bank.read(0x02, 1), "byte mode reads the device ID's low byte");
      assertEquals(0x01, bank.read(0x00, 1));
    }
    try (FlashMedia media = media(CfiParts.AM29LV160DB, 2)) {
      AmdCfiBank bank =
          AmdCfiBank.onMedia(
              "nor9", CfiParts.AM29LV160DB, media, 2, 2, ByteOrder.BIG_ENDIAN, clock);
      bank.write(4L * 0x555, 2, 0xAA); // device 0 sits at the lower address: the high half
      bank.write(4L * 0x2AA, 2, 0x55);
      bank.write(4L * 0x555, 2, 0x90);
      assertEquals(0x2249_ffffL, bank.read(4, 4));
    }
  }

  @Test
  void aPartRefusesAWidthItHasNotAndAMediaOfAnotherSize() {
    try (FlashMedia media = media(CfiParts.S29GL01GS, 1)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  AmdCfiBank.onMedia(
                      "nor9", CfiParts.S29GL01GS, media, 1, 1, ByteOrder.LITTLE_ENDIAN, clock));
      assertTrue(e.getMessage().contains("no x8 (byte) mode"), e.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () ->
              AmdCfiBank.onMedia(
                  "nor9", CfiParts.S29GL01GS, media, 2, 2, ByteOrder.LITTLE_ENDIAN, clock));
    }
  }

  @Test
  void presetQueryTablesAreTheDatasheetsAndTopBootListsItsBootRegionsFirst() {
    try (FlashMedia media = media(CfiParts.AM29LV160DT, 1)) {
      AmdCfiBank bank =
          AmdCfiBank.onMedia(
              "nor9", CfiParts.AM29LV160DT, media, 2, 1, ByteOrder.LITTLE_ENDIAN, clock);
      bank.write(2 * 0x55, 2, 0x98);
      assertEquals(0x15, bank.read(2 * 0x27, 2), "2 MiB");
      assertEquals(4, bank.read(2 * 0x2c, 2));
      assertEquals(0x40, bank.read(2 * 0x2f, 2), "region 1: 16 KiB, as listed, though at the top");
      assertEquals('0', bank.read(2 * 0x44, 2), "PRI 1.0");
      bank.write(0, 2, 0xF0);
      assertEquals(
          List.of(
              new EraseRegion(0, 64 << 10, 31),
              new EraseRegion(31 * (64 << 10), 32 << 10, 1),
              new EraseRegion(31 * (64 << 10) + (32 << 10), 8 << 10, 2),
              new EraseRegion(2 * 1024 * 1024 - (16 << 10), 16 << 10, 1)),
          media.sectors());
    }
    assertEquals(0x227E, CfiParts.S29GL01GS.deviceId());
    assertEquals(512, CfiParts.S29GL01GS.writeBufferBytes());
    assertEquals(256_000, CfiParts.S29GL01GS.amdPart().wordProgramNanos());
    assertTrue(CfiParts.byName("s29gl01gs").isPresent());
    assertTrue(CfiParts.byName("28F999").isEmpty());
  }
}
