package org.flashstack.hw.cfi;

import static org.flashstack.api.cfi.IntelCommandSet.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.BackingMode;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a CFI part keeps in non-volatile cells outside its array: the J3's legacy block lock bits
 * (set one, clear all), the Intel protection register, the AMD persistent protection bits. They
 * survive power cycles, and restarts of the emulator with a file-backed image.
 */
class NonVolatileBitsTest {

  final VirtualClock clock = new VirtualClock();

  @TempDir Path dir;

  private FlashMedia file(CfiPart part, int interleave) throws IOException {
    return NorMedia.open(
        new MediaSpec(
            "nor0",
            part.size() * interleave,
            0,
            part.bankSectors(interleave),
            0xff,
            BackingMode.FILE,
            dir.resolve("nor0.img"),
            true,
            ProgramPolicy.AND));
  }

  private CfiNorFlash bank(CfiPart part, FlashMedia media, int interleave) {
    return CfiNorFlash.onMedia("nor0", part, media, 2, interleave, ByteOrder.LITTLE_ENDIAN, clock);
  }

  private static int status(CfiNorFlash bank, long address) {
    bank.write(address, 2, READ_STATUS_REGISTER);
    return (int) bank.read(address, 2) & 0xff;
  }

  private static long blockStatus(CfiNorFlash bank, long block) {
    bank.write(block, 2, READ_IDENTIFIER);
    return bank.read(block + 2 * 2, 2);
  }

  private void lockCommand(CfiNorFlash bank, long block, int confirm) {
    bank.write(block, 2, BLOCK_LOCK_SETUP);
    bank.write(block, 2, confirm);
  }

  private static final long BLOCK = 128 << 10;

  @Test
  void theJ3SetsOneLockBitClearsThemAllAndKeepsThemAcrossPowerUp() throws IOException {
    try (FlashMedia media =
        NorMedia.open(MediaSpec.ram("nor0", CfiParts.I28F320J3.bankSectors(1)))) {
      CfiNorFlash j3 = bank(CfiParts.I28F320J3, media, 1);
      assertEquals(0, blockStatus(j3, 0), "the J3 leaves the factory unlocked");
      lockCommand(j3, 0, LOCK_BLOCK);
      assertTrue(j3.isBusy(), "setting a lock bit programs a cell");
      j3.write(0, 2, SUSPEND);
      assertEquals(0, status(j3, 0) & SR7_READY, "lock-bit configuration cannot be suspended");
      clock.pause(Long.MAX_VALUE);
      lockCommand(j3, 3 * BLOCK, LOCK_BLOCK);
      clock.pause(Long.MAX_VALUE);
      assertEquals(SR7_READY, status(j3, 0));
      assertTrue(j3.isBlockLocked(0));
      assertTrue(j3.isBlockLocked(3));
      assertFalse(j3.isBlockLocked(1));

      j3.powerUpReset();
      assertEquals(BLOCK_LOCKED, blockStatus(j3, 0), "non-volatile: still locked after power-up");
      assertEquals(BLOCK_LOCKED, blockStatus(j3, 3 * BLOCK));
      j3.write(0, 2, BLOCK_ERASE);
      j3.write(0, 2, CONFIRM);
      assertEquals(SR7_READY | SR5_ERASE_ERROR | SR1_BLOCK_LOCKED, status(j3, 0));
      j3.write(0, 2, CLEAR_STATUS_REGISTER);

      // Clear Block Lock-Bits, given at block 3, clears every block's bit, as an erase
      lockCommand(j3, 3 * BLOCK, UNLOCK_BLOCK);
      assertTrue(j3.isBusy());
      clock.advance(1_000_000);
      assertTrue(j3.isBusy(), "clearing lock bits takes a block erase's time, not a moment");
      clock.pause(Long.MAX_VALUE);
      assertEquals(SR7_READY, status(j3, 0));
      assertFalse(j3.isBlockLocked(0), "cleared though the command named block 3");
      assertFalse(j3.isBlockLocked(3));
    }
  }

  @Test
  void theJ3RefusesLockBitChangesWithoutVppAndWhileAnEraseIsSuspended() throws IOException {
    try (FlashMedia media =
        NorMedia.open(MediaSpec.ram("nor0", CfiParts.I28F320J3.bankSectors(1)))) {
      CfiNorFlash j3 = bank(CfiParts.I28F320J3, media, 1);
      j3.setProgrammingVoltage(false);
      lockCommand(j3, BLOCK, LOCK_BLOCK);
      assertEquals(SR7_READY | SR4_PROGRAM_ERROR | SR3_VPP_LOW, status(j3, 0));
      assertFalse(j3.isBlockLocked(1), "nothing set");
      j3.write(0, 2, CLEAR_STATUS_REGISTER);
      j3.setProgrammingVoltage(true);
      lockCommand(j3, BLOCK, LOCK_BLOCK);
      clock.pause(Long.MAX_VALUE);
      j3.setProgrammingVoltage(false);
      lockCommand(j3, 0, UNLOCK_BLOCK);
      assertEquals(SR7_READY | SR5_ERASE_ERROR | SR3_VPP_LOW, status(j3, 0));
      assertTrue(j3.isBlockLocked(1), "nothing cleared");
      j3.write(0, 2, CLEAR_STATUS_REGISTER);
      j3.setProgrammingVoltage(true);

      j3.write(4 * BLOCK, 2, BLOCK_ERASE);
      j3.write(4 * BLOCK, 2, CONFIRM);
      j3.write(0, 2, SUSPEND);
      assertEquals(SR7_READY | SR6_ERASE_SUSPENDED, status(j3, 0));
      j3.write(0, 2, BLOCK_LOCK_SETUP);
      assertEquals(
          SR7_READY | SR6_ERASE_SUSPENDED | COMMAND_SEQUENCE_ERROR,
          status(j3, 0),
          "no lock-bit configuration while an erase is suspended");
      assertTrue(j3.isBlockLocked(1));
      j3.write(0, 2, CLEAR_STATUS_REGISTER);
      j3.write(0, 2, RESUME);
      clock.pause(Long.MAX_VALUE);
      assertEquals(SR7_READY, status(j3, 0), "the suspended erase still finishes");
    }
  }

  @Test
  void theJ3sLockBitsAndProtectionRegisterSurviveARestart() throws IOException {
    long factory;
    try (FlashMedia media = file(CfiParts.I28F320J3, 2)) {
      CfiNorFlash j3 = bank(CfiParts.I28F320J3, media, 2);
      // device 1 alone (the high half of the 32-bit bus) locks its block 2
      j3.write(2 * 2 * BLOCK + 2, 2, BLOCK_LOCK_SETUP);
      j3.write(2 * 2 * BLOCK + 2, 2, LOCK_BLOCK);
      clock.pause(Long.MAX_VALUE);
      // device 0 programs a user word of its protection register, then locks the user segment
      j3.write(0, 2, PROTECTION_REGISTER_PROGRAM);
      j3.write(2 * 2 * 0x85, 2, 0x1234);
      clock.pause(Long.MAX_VALUE);
      j3.write(0, 2, PROTECTION_REGISTER_PROGRAM);
      j3.write(2 * 2 * 0x80, 2, 0xfffd);
      clock.pause(Long.MAX_VALUE);
      j3.write(0, 2, READ_IDENTIFIER);
      factory = j3.read(2 * 2 * 0x81, 2);
    }
    try (FlashMedia media = file(CfiParts.I28F320J3, 2)) {
      CfiNorFlash j3 = bank(CfiParts.I28F320J3, media, 2);
      j3.write(0, 4, READ_IDENTIFIER << 16 | READ_IDENTIFIER);
      long status = j3.read(2 * 2 * BLOCK + 4 * 2, 4);
      assertEquals(0, status & 0xffff, "device 0's block 2 was never locked");
      assertEquals(BLOCK_LOCKED, status >>> 16, "device 1's lock bit came back with the image");
      assertEquals(0x1234, j3.read(4 * 0x85, 4) & 0xffff, "device 0's user OTP word is kept");
      assertEquals(0xffff, j3.read(4 * 0x85, 4) >>> 16, "device 1's is still blank");
      assertEquals(0xfffc, j3.read(4 * 0x80, 4) & 0xffff, "and so is its lock word");
      assertEquals(factory, j3.read(4 * 0x81, 4) & 0xffff);
      j3.write(0, 4, PROTECTION_REGISTER_PROGRAM << 16 | PROTECTION_REGISTER_PROGRAM);
      j3.write(4 * 0x86, 4, 0);
      assertEquals(
          SR7_READY | SR4_PROGRAM_ERROR | SR1_BLOCK_LOCKED,
          status(j3, 0),
          "the user segment is still locked after the restart");
    }
  }

  @Test
  void theC3sVolatileLocksComeBackLockedWhateverWasUnlocked() throws IOException {
    try (FlashMedia media = file(CfiParts.I28F320C3B, 1)) {
      CfiNorFlash c3 = bank(CfiParts.I28F320C3B, media, 1);
      lockCommand(c3, 0, UNLOCK_BLOCK);
      assertFalse(c3.isBlockLocked(0));
      assertFalse(c3.isBusy(), "instant individual locking takes no time");
    }
    try (FlashMedia media = file(CfiParts.I28F320C3B, 1)) {
      assertTrue(bank(CfiParts.I28F320C3B, media, 1).isBlockLocked(0), "locked at power-up");
    }
  }

  @Test
  void amdPersistentProtectionBitsSurviveARestartAndTheirEraseToo() throws IOException {
    MediaSpec spec =
        new MediaSpec(
            "nor1",
            1 << 20,
            0,
            List.of(new EraseRegion(0, 8 << 10, 8), new EraseRegion(64 << 10, 64 << 10, 15)),
            0xff,
            BackingMode.FILE,
            dir.resolve("nor1.img"),
            true,
            ProgramPolicy.AND);
    try (FlashMedia media = NorMedia.open(spec)) {
      AmdCommandSetChip chip = s29gl(media);
      ppbCommand(chip, 0xA0, 0x4000, 0x00); // the PPB of sector 2
      clock.advance(AmdCommandSetChipTest.S29GL.wordProgramNanos());
      exit(chip);
      assertTrue(chip.isProtected(0x4000));
    }
    try (FlashMedia media = NorMedia.open(spec)) {
      AmdCommandSetChip chip = s29gl(media);
      assertTrue(chip.isProtected(0x4000), "the PPB came back with the image");
      assertFalse(chip.isProtected(0x2000));
      ppbCommand(chip, 0x80, 0, 0x30); // erase every PPB
      clock.advance(AmdCommandSetChipTest.S29GL.sectorEraseNanos());
      exit(chip);
      assertFalse(chip.isProtected(0x4000));
    }
    try (FlashMedia media = NorMedia.open(spec)) {
      AmdCommandSetChip chip = s29gl(media);
      assertFalse(chip.isProtected(0x4000), "and so did their erase");
    }
  }

  /** An x16 device with the S29GL's advanced sector protection, restarted over {@code media}. */
  private AmdCommandSetChip s29gl(FlashMedia media) {
    return new AmdCommandSetChip(
        "nor1", media, clock, AmdCommandSetChipTest.S29GL, true, new byte[0x40]);
  }

  private static void ppbCommand(AmdCommandSetChip chip, int... cycles) {
    chip.write(2L * 0x555, 0xAA);
    chip.write(2L * 0x2AA, 0x55);
    chip.write(2L * 0x555, 0xC0);
    chip.write(0, cycles[0]);
    chip.write(cycles[1], cycles[2]);
  }

  private static void exit(AmdCommandSetChip chip) {
    chip.write(0, 0x90);
    chip.write(0, 0x00);
  }
}
