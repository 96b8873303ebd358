package org.flashstack.hw.cfi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.api.fault.OperationSchedule;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The AMD/Fujitsu command set, sequence by sequence, on one x16 device (and x8 where it differs).
 */
class AmdCommandSetChipTest {

  static final AmdCommandSetChip.Part S29GL =
      new AmdCommandSetChip.Part(
          0x01,
          0x227E,
          0x2228,
          0x2201,
          60_000,
          200_000_000,
          10_000_000_000L,
          512,
          340_000,
          true,
          true);

  final VirtualClock clock = new VirtualClock();
  final FlashMedia cells;
  final AmdCommandSetChip chip;

  AmdCommandSetChipTest() throws IOException {
    // a bottom-boot layout: eight 8 KiB boot sectors, then 64 KiB sectors
    cells =
        NorMedia.open(
            MediaSpec.ram(
                "nor1",
                List.of(new EraseRegion(0, 8 << 10, 8), new EraseRegion(64 << 10, 64 << 10, 15))));
    byte[] query = new byte[0x40];
    query[0x10] = 'Q';
    query[0x11] = 'R';
    query[0x12] = 'Y';
    query[0x13] = 0x02;
    chip = new AmdCommandSetChip("nor1", cells, clock, S29GL, true, query);
  }

  @AfterEach
  void close() {
    cells.close();
  }

  /** A bus cycle at word address {@code word}. */
  private void cycle(int word, int data) {
    chip.write(2L * word, data);
  }

  private void unlock() {
    cycle(0x555, 0xAA);
    cycle(0x2AA, 0x55);
  }

  private int word(long byteOffset) {
    return chip.read(byteOffset);
  }

  @Test
  void aWordProgramPollsWithDq7AndDq6ThenReadsTheData() {
    unlock();
    cycle(0x555, 0xA0);
    chip.write(0x100, 0x1234);
    assertTrue(chip.isBusy());
    int first = word(0x100);
    int second = word(0x100);
    assertEquals(
        AmdCommandSetChip.DQ7,
        first & AmdCommandSetChip.DQ7,
        "DQ7 is bit 7 of the data (0x34: 0) complemented while busy");
    assertNotEquals(first & AmdCommandSetChip.DQ6, second & AmdCommandSetChip.DQ6, "DQ6 toggles");
    clock.advance(S29GL.wordProgramNanos());
    assertFalse(chip.isBusy());
    assertEquals(0x1234, word(0x100));
    assertEquals(0xffff, word(0x102));
  }

  @Test
  void autoselectAndQueryReadTheirTablesAndResetLeavesThem() {
    unlock();
    cycle(0x555, 0x90);
    assertEquals(0x01, word(0x00));
    assertEquals(0x227E, word(0x02));
    assertEquals(0x2228, word(0x1C));
    assertEquals(0x2201, word(0x1E));
    assertEquals(0, word(2L * 0x02), "sector protection: unprotected");
    cycle(0, 0xF0);
    assertEquals(0xffff, word(0x00));
    cycle(0x55, 0x98);
    assertEquals('Q', word(2L * 0x10));
    assertEquals('R', word(2L * 0x11));
    assertEquals('Y', word(2L * 0x12));
    cycle(0, 0xF0);
    assertEquals(0xffff, word(2L * 0x10));
  }

  @Test
  void aBrokenUnlockSequenceProgramsNothingAndCommandAddressesAreMasked() {
    cycle(0x555, 0xAA);
    cycle(0x2AB, 0x55); // wrong second address
    cycle(0x555, 0xA0);
    chip.write(0x200, 0x0000);
    clock.advance(1_000_000);
    assertEquals(0xffff, word(0x200));
    // the part decodes A10..A0 only: 0x1555 is 0x555
    cycle(0x1555, 0xAA);
    cycle(0x12AA, 0x55);
    cycle(0x0555, 0xA0);
    chip.write(0x200, 0x00ff);
    clock.advance(S29GL.wordProgramNanos());
    assertEquals(0x00ff, word(0x200));
  }

  @Test
  void unlockBypassProgramsWithoutUnlockCyclesUntilItsReset() {
    unlock();
    cycle(0x555, 0x20);
    for (int i = 0; i < 4; i++) {
      cycle(0, 0xA0);
      chip.write(0x400 + 2L * i, 0x5a00 + i);
      clock.advance(S29GL.wordProgramNanos());
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(0x5a00 + i, word(0x400 + 2L * i));
    }
    cycle(0, 0x90);
    cycle(0, 0x00);
    cycle(0, 0xA0);
    chip.write(0x410, 0x0000);
    clock.advance(S29GL.wordProgramNanos());
    assertEquals(0xffff, word(0x410), "out of bypass, A0 alone is no command");
  }

  @Test
  void sectorEraseTakesMoreSectorsInItsWindowAndReportsDq3AndDq2() {
    for (long at : new long[] {0x0, 0x2000, 0x4000}) {
      unlock();
      cycle(0x555, 0xA0);
      chip.write(at, 0x0000);
      clock.advance(S29GL.wordProgramNanos());
    }
    unlock();
    cycle(0x555, 0x80);
    unlock();
    chip.write(0x0, 0x30);
    chip.write(0x2000, 0x30); // within the window: a second sector
    int inWindow = word(0x0);
    assertEquals(0, inWindow & AmdCommandSetChip.DQ3, "DQ3 0 while more sectors may be added");
    assertEquals(0, inWindow & AmdCommandSetChip.DQ7, "DQ7 0 during an erase");
    clock.advance(AmdCommandSetChip.ERASE_WINDOW_NANOS);
    int erasing = word(0x2000);
    int again = word(0x2000);
    assertEquals(AmdCommandSetChip.DQ3, erasing & AmdCommandSetChip.DQ3, "the erase began");
    assertNotEquals(erasing & AmdCommandSetChip.DQ2, again & AmdCommandSetChip.DQ2, "DQ2 toggles");
    int other1 = word(0x4000);
    int other2 = word(0x4000);
    assertEquals(
        other1 & AmdCommandSetChip.DQ2, other2 & AmdCommandSetChip.DQ2, "not in an erasing sector");
    clock.advance(2 * S29GL.sectorEraseNanos());
    assertFalse(chip.isBusy());
    assertEquals(0xffff, word(0x0));
    assertEquals(0xffff, word(0x2000));
    assertEquals(0x0000, word(0x4000), "the sector not named keeps its data");
  }

  @Test
  void eraseSuspendLetsOtherSectorsBeReadAndResumeFinishes() {
    unlock();
    cycle(0x555, 0xA0);
    chip.write(0x10000, 0x4321);
    clock.advance(S29GL.wordProgramNanos());
    unlock();
    cycle(0x555, 0x80);
    unlock();
    chip.write(0x20000, 0x30);
    clock.advance(AmdCommandSetChip.ERASE_WINDOW_NANOS + 1000);
    chip.write(0, 0xB0);
    assertFalse(chip.isBusy(), "suspended");
    assertEquals(0x4321, word(0x10000), "another sector reads its data");
    int a = word(0x20000);
    int b = word(0x20000);
    assertEquals(a & AmdCommandSetChip.DQ6, b & AmdCommandSetChip.DQ6, "DQ6 stops toggling");
    assertNotEquals(a & AmdCommandSetChip.DQ2, b & AmdCommandSetChip.DQ2, "DQ2 still toggles");
    clock.advance(10 * S29GL.sectorEraseNanos());
    assertFalse(chip.isBusy(), "time does not run while suspended");
    chip.write(0, 0x30);
    assertTrue(chip.isBusy());
    clock.advance(S29GL.sectorEraseNanos());
    assertFalse(chip.isBusy());
    assertEquals(0xffff, word(0x20000));
  }

  @Test
  void chipEraseErasesEverySector() {
    unlock();
    cycle(0x555, 0xA0);
    chip.write(0x30000, 0x0101);
    clock.advance(S29GL.wordProgramNanos());
    unlock();
    cycle(0x555, 0x80);
    unlock();
    cycle(0x555, 0x10);
    assertTrue(chip.isBusy());
    clock.advance(S29GL.chipEraseNanos());
    assertEquals(0xffff, word(0x30000));
  }

  @Test
  void aFailedProgramSetsDq5UntilReset() {
    cells.faults().apply(FaultPlan.NONE.withProgramFailures(new OperationSchedule.Every(1)));
    unlock();
    cycle(0x555, 0xA0);
    chip.write(0x500, 0x0000);
    clock.advance(10 * S29GL.wordProgramNanos());
    assertTrue(chip.isBusy(), "a failed program keeps the device busy");
    assertEquals(AmdCommandSetChip.DQ5, word(0x500) & AmdCommandSetChip.DQ5);
    cycle(0, 0xF0);
    assertFalse(chip.isBusy());
    cells.faults().clear();
  }

  @Test
  void byteModeTakesByteAddressesForItsCommands() throws IOException {
    try (FlashMedia bytes = NorMedia.open(MediaSpec.ram("nor2", 64 << 10, 8 << 10))) {
      AmdCommandSetChip x8 = new AmdCommandSetChip("nor2", bytes, clock, S29GL, false, new byte[0]);
      x8.write(0xAAA, 0xAA);
      x8.write(0x555, 0x55);
      x8.write(0xAAA, 0xA0);
      x8.write(0x101, 0x3c);
      clock.advance(S29GL.wordProgramNanos());
      assertEquals(0x3c, x8.read(0x101));
      assertEquals(0xff, x8.read(0x100));
      x8.write(0xAAA, 0xAA);
      x8.write(0x555, 0x55);
      x8.write(0xAAA, 0x90);
      assertEquals(0x01, x8.read(0x00));
      assertEquals(0x7E, x8.read(0x02) & 0xff);
    }
  }

  /** Write-to-buffer: 25h at the sector, count less one, the words, 29h at the sector. */
  private void bufferProgram(long sector, long at, int... words) {
    unlock();
    chip.write(sector, 0x25);
    chip.write(sector, words.length - 1);
    for (int i = 0; i < words.length; i++) {
      chip.write(at + 2L * i, words[i]);
    }
    chip.write(sector, 0x29);
  }

  @Test
  void writeToBufferProgramsAPageAndAnOutOfPlaceWordAbortsUntilTheAbortReset() {
    bufferProgram(0x10000, 0x10010, 0x1111, 0x2222, 0x3333);
    assertTrue(chip.isBusy());
    clock.advance(S29GL.bufferProgramNanos());
    assertEquals(0x1111, word(0x10010));
    assertEquals(0x2222, word(0x10012));
    assertEquals(0x3333, word(0x10014));
    assertEquals(0xffff, word(0x10016));

    // a word outside the write-buffer page of the first: abort, DQ1
    unlock();
    chip.write(0x10000, 0x25);
    chip.write(0x10000, 1);
    chip.write(0x10400, 0x0000);
    chip.write(0x10800, 0x0000);
    assertEquals(AmdCommandSetChip.DQ1, word(0x10400) & AmdCommandSetChip.DQ1);
    cycle(0, 0xF0);
    assertEquals(
        AmdCommandSetChip.DQ1, word(0x10400) & AmdCommandSetChip.DQ1, "F0 alone is not enough");
    unlock();
    cycle(0x555, 0xF0);
    assertEquals(0xffff, word(0x10400), "nothing programmed, reading the array again");
    assertEquals(0xffff, word(0x10800));

    // a count larger than the buffer aborts too
    unlock();
    chip.write(0x10000, 0x25);
    chip.write(0x10000, 300);
    assertEquals(AmdCommandSetChip.DQ1, word(0x10000) & AmdCommandSetChip.DQ1);
  }

  @Test
  void theQueryTableSaysTheAmdCommandSetAndTheBootSectorRegions() throws IOException {
    byte[] query =
        AmdQueryTable.build(cells.sectors(), 512, 64, 256, 256, 65536, AmdQueryTable.BOTTOM_BOOT);
    assertTrue(AmdQueryTable.isAmd(query));
    try (FlashMedia bank = NorMedia.open(MediaSpec.ram("nor3", cells.sectors()))) {
      AmdCommandSetChip device = new AmdCommandSetChip("nor3", bank, clock, S29GL, true, query);
      AmdCfiBank bus = new AmdCfiBank("nor3", device, bank.size(), 2);
      bus.write(2 * 0x55, 2, 0x98);
      assertEquals('Q', bus.read(2 * 0x10, 2));
      assertEquals('R', bus.read(2 * 0x11, 2));
      assertEquals('Y', bus.read(2 * 0x12, 2));
      assertEquals(0x02, bus.read(2 * 0x13, 2), "primary algorithm: AMD/Fujitsu");
      assertEquals(2, bus.read(2 * 0x2c, 2), "two erase block regions");
      assertEquals(7, bus.read(2 * 0x2d, 2), "eight boot sectors");
      assertEquals((8 << 10) / 256, bus.read(2 * 0x2f, 2));
      assertEquals(14, bus.read(2 * 0x31, 2), "fifteen main sectors");
      int primary = (int) bus.read(2 * 0x15, 2);
      assertEquals('P', bus.read(2L * primary, 2));
      assertEquals('3', bus.read(2L * (primary + 4), 2), "version 1.3");
      assertEquals(AmdQueryTable.BOTTOM_BOOT, bus.read(2L * (primary + 0x0f), 2));
      bus.write(0, 2, 0xF0);
      assertEquals(0xffffL, bus.read(0, 2));
      assertEquals(0xffL, bus.read(1, 1), "a narrow read takes its byte of the bus word");
      org.junit.jupiter.api.Assertions.assertThrows(
          org.flashstack.api.mmio.MmioAccessException.class, () -> bus.write(0, 1, 0xF0));
      org.junit.jupiter.api.Assertions.assertThrows(
          org.flashstack.api.mmio.MmioAccessException.class, () -> bus.read(bank.size(), 2));
    }
  }

  private void protectionCommand(int entry, int... cycles) {
    unlock();
    cycle(0x555, entry);
    for (int i = 0; i < cycles.length; i += 2) {
      chip.write(cycles[i], cycles[i + 1]);
    }
  }

  @Test
  void dynamicAndPersistentProtectionRefuseProgramAndEraseAndReadBack() {
    // DYB: protect sector 1 (0x2000), read its bit (0 = protected), exit
    protectionCommand(0xE0, 0, 0xA0, 0x2000, 0x00);
    assertEquals(0, word(0x2000) & 1, "DYB reads 0 when protected");
    assertEquals(1, word(0x0000) & 1);
    cycle(0, 0x90);
    cycle(0, 0x00);
    assertTrue(chip.isProtected(0x2000));
    unlock();
    cycle(0x555, 0x90);
    assertEquals(1, word(0x2000 + 2 * 0x02), "autoselect: protected");
    assertEquals(0, word(2 * 0x02));
    cycle(0, 0xF0);
    // a program of the protected sector: busy a moment, nothing changes
    unlock();
    cycle(0x555, 0xA0);
    chip.write(0x2000, 0x0000);
    assertTrue(chip.isBusy());
    clock.advance(AmdCommandSetChip.REFUSED_NANOS);
    assertEquals(0xffff, word(0x2000));
    assertTrue(chip.lastRefusal().contains("protected"), chip.lastRefusal());
    // PPB on sector 2, then the PPB lock freezes the PPBs
    protectionCommand(0xC0, 0, 0xA0, 0x4000, 0x00);
    clock.advance(S29GL.wordProgramNanos());
    cycle(0, 0x90);
    cycle(0, 0x00);
    protectionCommand(0x50, 0, 0xA0, 0, 0x00);
    assertEquals(0, word(0) & 1, "PPB lock set");
    cycle(0, 0x90);
    cycle(0, 0x00);
    protectionCommand(0xC0, 0, 0x80, 0, 0x30); // erase all PPBs: refused while locked
    clock.advance(S29GL.sectorEraseNanos());
    cycle(0, 0x90);
    cycle(0, 0x00);
    assertTrue(chip.isProtected(0x4000));
    // power-up: DYBs and the PPB lock clear, PPBs stay
    chip.powerUp();
    assertFalse(chip.isProtected(0x2000));
    assertTrue(chip.isProtected(0x4000));
    protectionCommand(0xC0, 0, 0x80, 0, 0x30);
    clock.advance(S29GL.sectorEraseNanos());
    cycle(0, 0x90);
    cycle(0, 0x00);
    assertFalse(chip.isProtected(0x4000), "PPB erase clears every PPB once unlocked");
  }

  @Test
  void chipEraseSkipsProtectedSectors() {
    unlock();
    cycle(0x555, 0xA0);
    chip.write(0x2000, 0x1111);
    clock.advance(S29GL.wordProgramNanos());
    unlock();
    cycle(0x555, 0xA0);
    chip.write(0x20000, 0x2222);
    clock.advance(S29GL.wordProgramNanos());
    protectionCommand(0xE0, 0, 0xA0, 0x2000, 0x00);
    cycle(0, 0x90);
    cycle(0, 0x00);
    unlock();
    cycle(0x555, 0x80);
    unlock();
    cycle(0x555, 0x10);
    clock.advance(S29GL.chipEraseNanos());
    assertEquals(0x1111, word(0x2000), "protected sector kept");
    assertEquals(0xffff, word(0x20000));
  }

  @Test
  void programSuspendLetsOtherAddressesBeReadAndResumeFinishes() {
    bufferProgram(0x10000, 0x10000, 0x1111, 0x2222);
    chip.write(0, 0xB0);
    assertFalse(chip.isBusy(), "suspended");
    assertEquals(0xffff, word(0x20000), "other addresses read the array");
    int atPage = word(0x10000);
    assertEquals(atPage, word(0x10000), "the suspended page reads steady status");
    cycle(0, 0x30);
    assertTrue(chip.isBusy());
    clock.advance(S29GL.bufferProgramNanos());
    assertEquals(0x1111, word(0x10000));
    assertEquals(0x2222, word(0x10002));
  }

  @Test
  void aProgramOverZerosIsDq5AndAReadOnlyImageIgnoresProgramAndErase() throws IOException {
    try (FlashMedia strict =
        NorMedia.open(
            MediaSpec.ram("nor4", 64 << 10, 8 << 10)
                .withProgramPolicy(org.flashstack.api.media.ProgramPolicy.REJECT_OVERWRITE))) {
      AmdCommandSetChip device =
          new AmdCommandSetChip("nor4", strict, clock, S29GL, true, new byte[0]);
      strict.program(0, new byte[] {0, 0}, 0, 2);
      device.write(2 * 0x555, 0xAA);
      device.write(2 * 0x2AA, 0x55);
      device.write(2 * 0x555, 0xA0);
      device.write(0, 0x5555); // bits from 0 to 1: the part cannot, and times out
      clock.advance(10 * S29GL.wordProgramNanos());
      assertTrue(device.isBusy());
      assertEquals(AmdCommandSetChip.DQ5, device.read(0) & AmdCommandSetChip.DQ5);
      device.write(0, 0xF0);
      assertFalse(device.isBusy());
      assertEquals(0, device.read(0), "nothing changed");
    }
    java.nio.file.Path file = java.nio.file.Files.createTempFile("amd", ".img");
    byte[] image = new byte[64 << 10];
    java.util.Arrays.fill(image, (byte) 0x5a);
    java.nio.file.Files.write(file, image);
    try (FlashMedia readOnly =
        NorMedia.open(
            MediaSpec.forDevice(
                "nor5", image.length, 8 << 10, List.of(), file.toString(), true, false, false))) {
      AmdCommandSetChip device =
          new AmdCommandSetChip("nor5", readOnly, clock, S29GL, true, new byte[0]);
      device.write(2 * 0x555, 0xAA);
      device.write(2 * 0x2AA, 0x55);
      device.write(2 * 0x555, 0xA0);
      device.write(0, 0x0000);
      clock.advance(AmdCommandSetChip.REFUSED_NANOS);
      assertEquals(0x5a5a, device.read(0));
      assertTrue(device.lastRefusal().contains("read-only"), device.lastRefusal());
      device.write(2 * 0x555, 0xAA);
      device.write(2 * 0x2AA, 0x55);
      device.write(2 * 0x555, 0x80);
      device.write(2 * 0x555, 0xAA);
      device.write(2 * 0x2AA, 0x55);
      device.write(0, 0x30);
      clock.advance(AmdCommandSetChip.ERASE_WINDOW_NANOS + AmdCommandSetChip.REFUSED_NANOS);
      assertFalse(device.isBusy());
      assertEquals(0x5a5a, device.read(0));
      // nor does a PPB program: the read-only image keeps the device as it is
      device.write(2 * 0x555, 0xAA);
      device.write(2 * 0x2AA, 0x55);
      device.write(2 * 0x555, 0xC0);
      device.write(0, 0xA0);
      device.write(0x2000, 0x00);
      device.write(0, 0x90);
      device.write(0, 0x00);
      assertFalse(device.isProtected(0x2000));
    }
    assertArrayEquals(image, java.nio.file.Files.readAllBytes(file));
    assertFalse(
        java.nio.file.Files.exists(java.nio.file.Path.of(file + ".nvr")),
        "nothing written beside a read-only image");
  }
}
