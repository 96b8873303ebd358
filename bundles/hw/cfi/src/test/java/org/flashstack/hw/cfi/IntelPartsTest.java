package org.flashstack.hw.cfi;

import static org.flashstack.api.cfi.IntelCommandSet.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.List;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rest of the Intel command set on the preset parts, device by device: parameter blocks,
 * suspend and resume, lock-down against WP#, the protection register, the read configuration
 * register, and devices on one bus in different states.
 */
class IntelPartsTest {

  final VirtualClock clock = new VirtualClock();
  FlashMedia media;

  @AfterEach
  void close() {
    if (media != null) {
      media.close();
    }
  }

  CfiNorFlash bank(CfiPart part, int interleave) {
    try {
      media = NorMedia.open(MediaSpec.ram("nor0", part.bankSectors(interleave)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CfiNorFlash.onMedia("nor0", part, media, 2, interleave, ByteOrder.LITTLE_ENDIAN, clock);
  }

  /** A command to both x16 devices of a 32-bit bank. */
  static void both(CfiNorFlash bank, long address, int command) {
    bank.write(address, 4, (long) command << 16 | command);
  }

  static int status(CfiNorFlash bank, int device) {
    bank.write(2L * device, 2, READ_STATUS_REGISTER);
    return (int) bank.read(2L * device, 2) & 0xff;
  }

  @Test
  void theC3sParameterBlocksAreAtTheBottomOrTopAndItsTableSaysSo() {
    CfiNorFlash bottom = bank(CfiParts.I28F320C3B, 1);
    assertEquals(
        List.of(new EraseRegion(0, 8 << 10, 8), new EraseRegion(64 << 10, 64 << 10, 63)),
        media.sectors());
    bottom.write(0, 2, READ_QUERY);
    assertEquals(0x03, bottom.read(2 * 0x13, 2), "Intel standard command set");
    assertEquals(2, bottom.read(2 * 0x2c, 2));
    assertEquals(7, bottom.read(2 * 0x2d, 2), "eight parameter blocks first");
    assertEquals(0xB4, bottom.read(2 * 0x1d, 2), "Vpp 11.4 V");
    bottom.write(0, 2, READ_IDENTIFIER);
    assertEquals(0x88C5, bottom.read(2, 2));
    assertEquals(BLOCK_LOCKED, bottom.read(2 * 2, 2), "C3 blocks are locked at power-up");
    close();
    CfiNorFlash top = bank(CfiParts.I28F320C3T, 1);
    top.write(0, 2, READ_QUERY);
    assertEquals(62, top.read(2 * 0x2d, 2), "Intel lists its regions by address: main first");
    // erase a top parameter block: only its 8 KiB go
    media.program(0, new byte[] {0, 0}, 0, 2);
    long parameter = (4L << 20) - (8 << 10);
    media.program(parameter, new byte[] {0, 0}, 0, 2);
    media.program(parameter - 2, new byte[] {0, 0}, 0, 2);
    top.write(parameter, 2, BLOCK_LOCK_SETUP);
    top.write(parameter, 2, UNLOCK_BLOCK);
    top.write(parameter, 2, BLOCK_ERASE);
    top.write(parameter, 2, CONFIRM);
    clock.pause(Long.MAX_VALUE);
    assertEquals(SR7_READY, status(top, 0));
    top.write(0, 2, READ_ARRAY);
    assertEquals(0xffff, top.read(parameter, 2));
    assertEquals(0, top.read(parameter - 2, 2), "the block below keeps its data");
  }

  @Test
  void eraseSuspendLetsAnotherBlockBeReadAndProgrammedThenResumeFinishes() {
    CfiNorFlash flash = bank(CfiParts.I28F320J3, 2);
    media.program(0x40000, new byte[] {1, 2, 3, 4}, 0, 4);
    both(flash, 0, BLOCK_ERASE);
    both(flash, 0, CONFIRM);
    assertTrue(flash.isBusy());
    both(flash, 0, SUSPEND);
    assertFalse(flash.isBusy());
    assertEquals(SR7_READY | SR6_ERASE_SUSPENDED, status(flash, 0));
    assertEquals(SR7_READY | SR6_ERASE_SUSPENDED, status(flash, 1));
    both(flash, 0, READ_ARRAY);
    assertEquals(0x0403_0201L, flash.read(0x40000, 4), "another block reads while suspended");
    both(flash, 0x80000, WORD_PROGRAM);
    flash.write(0x80000, 4, 0x1111_2222L);
    clock.advance(1_000_000);
    both(flash, 0, READ_ARRAY);
    assertEquals(0x1111_2222L, flash.read(0x80000, 4), "and programs while suspended");
    both(flash, 0, CLEAR_STATUS_REGISTER);
    both(flash, 0, BLOCK_ERASE);
    assertEquals(
        SR7_READY | SR6_ERASE_SUSPENDED | COMMAND_SEQUENCE_ERROR,
        status(flash, 0),
        "no second erase while one is suspended");
    both(flash, 0, CLEAR_STATUS_REGISTER);
    both(flash, 0, RESUME);
    assertTrue(flash.isBusy());
    while (flash.isBusy()) {
      clock.pause(Long.MAX_VALUE); // stops at every instant announced, the suspended erase's too
    }
    assertEquals(SR7_READY, status(flash, 0));
  }

  @Test
  void programSuspendSetsSr2AndResumeCompletes() {
    CfiNorFlash flash = bank(CfiParts.I28F320J3, 1);
    flash.write(0x100, 2, WORD_PROGRAM);
    flash.write(0x100, 2, 0x1234);
    assertTrue(flash.isBusy());
    flash.write(0, 2, SUSPEND);
    assertEquals(SR7_READY | SR2_PROGRAM_SUSPENDED, status(flash, 0));
    flash.write(0, 2, RESUME);
    assertTrue(flash.isBusy());
    clock.pause(Long.MAX_VALUE);
    flash.write(0, 2, READ_ARRAY);
    assertEquals(0x1234, flash.read(0x100, 2));
  }

  @Test
  void aLockedDownBlockStaysLockedWhileWpIsAssertedAndPowerUpClearsLockDown() {
    CfiNorFlash flash = bank(CfiParts.I28F320C3B, 1);
    flash.write(0, 2, BLOCK_LOCK_SETUP);
    flash.write(0, 2, LOCK_DOWN_BLOCK);
    flash.write(0, 2, READ_IDENTIFIER);
    assertEquals(BLOCK_LOCKED | BLOCK_LOCKED_DOWN, flash.read(2 * 2, 2));
    flash.write(0, 2, BLOCK_LOCK_SETUP);
    flash.write(0, 2, UNLOCK_BLOCK);
    assertTrue(flash.isBlockLocked(0), "WP# low: the unlock is ignored");
    assertTrue(flash.lastAbortReason().contains("WP#"), flash.lastAbortReason());
    flash.setWriteProtect(false);
    flash.write(0, 2, BLOCK_LOCK_SETUP);
    flash.write(0, 2, UNLOCK_BLOCK);
    assertFalse(flash.isBlockLocked(0), "WP# high overrides lock-down");
    flash.write(0, 2, READ_IDENTIFIER);
    assertEquals(BLOCK_LOCKED_DOWN, flash.read(2 * 2, 2), "still locked down until reset");
    flash.powerUpReset();
    flash.write(0, 2, READ_IDENTIFIER);
    assertEquals(BLOCK_LOCKED, flash.read(2 * 2, 2), "power-up: locked, not locked down");
    CfiNorFlash j3 = bank(CfiParts.I28F320J3, 1);
    j3.write(0, 2, BLOCK_LOCK_SETUP);
    j3.write(0, 2, LOCK_DOWN_BLOCK);
    assertEquals(SR7_READY | COMMAND_SEQUENCE_ERROR, status(j3, 0), "the J3 has no lock-down");
  }

  @Test
  void theProtectionRegisterProgramsItsUserSegmentUntilLocked() {
    CfiNorFlash flash = bank(CfiParts.I28F320J3, 1);
    flash.write(0, 2, READ_IDENTIFIER);
    assertEquals(0xfffe, flash.read(2 * 0x80, 2), "factory segment locked, user open");
    long factory = flash.read(2 * 0x81, 2);
    flash.write(0, 2, PROTECTION_REGISTER_PROGRAM);
    flash.write(2 * 0x85, 2, 0x1234);
    clock.pause(Long.MAX_VALUE);
    assertEquals(SR7_READY, status(flash, 0));
    flash.write(0, 2, PROTECTION_REGISTER_PROGRAM);
    flash.write(2 * 0x81, 2, 0);
    assertEquals(SR7_READY | SR4_PROGRAM_ERROR | SR1_BLOCK_LOCKED, status(flash, 0));
    flash.write(0, 2, CLEAR_STATUS_REGISTER);
    flash.write(0, 2, PROTECTION_REGISTER_PROGRAM);
    flash.write(2 * 0x80, 2, 0xfffd); // lock the user segment
    clock.pause(Long.MAX_VALUE);
    flash.write(0, 2, PROTECTION_REGISTER_PROGRAM);
    flash.write(2 * 0x86, 2, 0);
    assertEquals(SR7_READY | SR4_PROGRAM_ERROR | SR1_BLOCK_LOCKED, status(flash, 0));
    flash.write(0, 2, READ_IDENTIFIER);
    assertEquals(0x1234, flash.read(2 * 0x85, 2));
    assertEquals(0xffff, flash.read(2 * 0x86, 2), "nothing programmed once locked");
    assertEquals(factory, flash.read(2 * 0x81, 2));
    assertEquals(0xfffc, flash.read(2 * 0x80, 2));
  }

  @Test
  void aReadConfigurationRegisterTakesItsValueFromTheAddressLines() throws IOException {
    media = NorMedia.open(MediaSpec.ram("nor0", 64 << 10, 8 << 10));
    IntelCommandSetChip chip =
        new IntelCommandSetChip(
            "nor0",
            ChipCells.whole(media),
            2,
            new byte[0x40],
            new IntelCommandSetChip.Features(
                0x89, 0x8817, 0, false, true, false, true, 0xBFCF, false),
            clock,
            reason -> {});
    chip.write(0, READ_IDENTIFIER);
    assertEquals(0xBFCF, chip.read(2 * IDENTIFIER_READ_CONFIGURATION));
    chip.write(2L * 0x2945, BLOCK_LOCK_SETUP);
    chip.write(2L * 0x2945, SET_READ_CONFIGURATION_REGISTER);
    assertEquals(0x2945, chip.readConfigurationRegister());
    chip.powerUp();
    assertEquals(0xBFCF, chip.readConfigurationRegister());
  }

  @Test
  void devicesOnOneBusHaveTheirOwnStatusAndANarrowWriteReachesOnlyItsDevice() {
    CfiNorFlash flash = bank(CfiParts.I28F320J3, 2);
    flash.write(0x200, 2, WORD_PROGRAM); // device 0 only
    flash.write(0x200, 2, 0x0000);
    flash.write(2, 2, 0x42); // device 1: an unknown command
    long status = flash.read(0, 4);
    assertEquals(0, status & SR7_READY, "device 0 busy programming");
    assertEquals(
        SR7_READY | COMMAND_SEQUENCE_ERROR, (status >>> 16) & 0xff, "device 1 its own error");
    clock.pause(Long.MAX_VALUE);
    both(flash, 0, READ_ARRAY);
    assertEquals(0xffff_0000L, flash.read(0x200, 4));
    // an erase of one block by both devices is one erase of the bank block
    both(flash, 0, BLOCK_ERASE);
    both(flash, 0, CONFIRM);
    assertEquals(1, media.eraseCount(0));
  }

  @Test
  void presetsRefuseAWidthTheyAreNotRunAt() {
    try {
      media = NorMedia.open(MediaSpec.ram("nor0", CfiParts.I28F320J3.bankSectors(1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CfiNorFlash.onMedia(
                "nor0", CfiParts.I28F320J3, media, 1, 1, ByteOrder.LITTLE_ENDIAN, clock));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CfiNorFlash.onMedia(
                "nor0", CfiParts.S29GL01GS, media, 2, 1, ByteOrder.LITTLE_ENDIAN, clock));
  }
}
