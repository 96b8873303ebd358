package org.flashstack.hw.cfi;

import static org.flashstack.api.cfi.CfiQueryOffsets.*;
import static org.flashstack.api.cfi.IntelCommandSet.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command path of the model, through its MMIO window, for every bank width / device width /
 * byte order combination. Flowchart references are to Intel AN-646.
 */
class CfiNorFlashTest {

  /** A layout under test, with the helpers a driver would use on it. */
  record Layout(int bankWidth, int deviceWidth, ByteOrder order) {
    int interleave() {
      return bankWidth / deviceWidth;
    }

    long everyLane(int value) {
      long bus = 0;
      for (int lane = 0; lane < interleave(); lane++) {
        bus |= ((long) value & ((1L << (8 * deviceWidth)) - 1)) << (8 * deviceWidth * lane);
      }
      return bus;
    }

    @Override
    public String toString() {
      return interleave() + "x" + 8 * deviceWidth + " on " + 8 * bankWidth + "-bit, " + order;
    }
  }

  static Stream<Layout> layouts() {
    List<Layout> layouts = new ArrayList<>();
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      layouts.add(new Layout(1, 1, order));
      layouts.add(new Layout(2, 1, order));
      layouts.add(new Layout(2, 2, order));
      layouts.add(new Layout(4, 1, order));
      layouts.add(new Layout(4, 2, order));
    }
    return layouts.stream();
  }

  static final int BLOCKS = 8;
  static final long BLOCK_SIZE = 4096;
  static final int BUFFER = 16;

  private static CfiNorFlash device(
      Layout layout, ProgramPolicy policy, boolean lockedAtPowerUp, int buffer) throws IOException {
    CfiDeviceParameters parameters =
        new CfiDeviceParameters(
            "nor0",
            layout.bankWidth(),
            layout.deviceWidth(),
            BLOCK_SIZE,
            BLOCKS,
            0x89,
            0x16,
            buffer,
            layout.order(),
            lockedAtPowerUp);
    FlashMedia media =
        NorMedia.open(
            MediaSpec.ram("nor0", BLOCK_SIZE * BLOCKS, BLOCK_SIZE).withProgramPolicy(policy));
    return new CfiNorFlash(parameters, media);
  }

  private static CfiNorFlash device(Layout layout) throws IOException {
    return device(layout, ProgramPolicy.AND, false, BUFFER);
  }

  private static void command(CfiNorFlash flash, Layout layout, long address, int command) {
    flash.write(address, layout.bankWidth(), layout.everyLane(command));
  }

  private static int status(CfiNorFlash flash, Layout layout) {
    long value = flash.read(0, layout.bankWidth());
    int lane0 = (int) (value & 0xff);
    assertEquals(layout.everyLane(lane0), value, "every device reports the same status");
    return lane0;
  }

  private static byte[] media(CfiNorFlash flash, long offset, int length) {
    byte[] data = new byte[length];
    flash.media().read(offset, data, 0, length);
    return data;
  }

  private static byte[] snapshot(CfiNorFlash flash) {
    return media(flash, 0, (int) flash.size());
  }

  private static long pattern(Layout layout, int seed) {
    long value = 0;
    for (int i = 0; i < layout.bankWidth(); i++) {
      value |= (long) ((seed + 0x11 * i) & 0xfe) << (8 * i);
    }
    return value;
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void queryTableDescribesEachDevice(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    command(flash, layout, (long) QUERY_COMMAND_ADDRESS * layout.bankWidth(), READ_QUERY);
    int w = layout.bankWidth();
    assertEquals(layout.everyLane('Q'), flash.read((long) QUERY_UNIQUE_STRING * w, w));
    assertEquals(layout.everyLane('R'), flash.read((long) (QUERY_UNIQUE_STRING + 1) * w, w));
    assertEquals(layout.everyLane('Y'), flash.read((long) (QUERY_UNIQUE_STRING + 2) * w, w));
    assertEquals(
        layout.everyLane(0x01),
        flash.read((long) PRIMARY_COMMAND_SET * w, w),
        "Intel/Sharp extended");
    long deviceSize = BLOCK_SIZE * BLOCKS / layout.interleave();
    assertEquals(
        layout.everyLane(Long.numberOfTrailingZeros(deviceSize)),
        flash.read((long) DEVICE_SIZE * w, w));
    assertEquals(
        layout.everyLane(Integer.numberOfTrailingZeros(BUFFER)),
        flash.read((long) MAX_WRITE_BUFFER_SIZE * w, w));
    assertEquals(layout.everyLane(1), flash.read((long) ERASE_BLOCK_REGION_COUNT * w, w));
    assertEquals(layout.everyLane(BLOCKS - 1), flash.read((long) ERASE_BLOCK_REGION_INFO * w, w));
    assertEquals(
        layout.everyLane((int) (BLOCK_SIZE / layout.interleave() / 256)),
        flash.read((long) (ERASE_BLOCK_REGION_INFO + 2) * w, w));
    int p = (int) (flash.read((long) PRIMARY_EXTENDED_TABLE_ADDRESS * w, w) & 0xff);
    assertEquals(layout.everyLane('P'), flash.read((long) p * w, w));
    assertEquals(layout.everyLane('R'), flash.read((long) (p + 1) * w, w));
    assertEquals(layout.everyLane('I'), flash.read((long) (p + 2) * w, w));
    assertEquals(0, flash.read(0xf0L * w, w), "addresses past the table read 0");
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void readIdentifierGivesIdsAndBlockLockStatus(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    int w = layout.bankWidth();
    command(flash, layout, BLOCK_SIZE, BLOCK_LOCK_SETUP);
    command(flash, layout, BLOCK_SIZE, LOCK_BLOCK);
    command(flash, layout, 0, READ_IDENTIFIER);
    assertEquals(layout.everyLane(0x89), flash.read((long) IDENTIFIER_MANUFACTURER * w, w));
    assertEquals(layout.everyLane(0x16), flash.read((long) IDENTIFIER_DEVICE * w, w));
    assertEquals(0, flash.read((long) IDENTIFIER_BLOCK_LOCK * w, w), "block 0 unlocked");
    assertEquals(
        layout.everyLane(BLOCK_LOCKED),
        flash.read(BLOCK_SIZE + (long) IDENTIFIER_BLOCK_LOCK * w, w),
        "block 1 locked");
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void readArrayComesFromTheCellsInBusByteOrder(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    flash.media().program(0, new byte[] {1, 2, 3, 4}, 0, 4);
    command(flash, layout, 0, READ_STATUS_REGISTER);
    command(flash, layout, 0, READ_ARRAY);
    assertEquals(
        layout.order() == ByteOrder.LITTLE_ENDIAN ? 0x04030201L : 0x01020304L, flash.read(0, 4));
    byte[] bulk = new byte[4];
    flash.readBulk(0, bulk, 0, 4);
    assertArrayEquals(new byte[] {1, 2, 3, 4}, bulk);
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void wordProgramAndsIntoTheCells(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    long address = 3L * layout.bankWidth();
    long first = pattern(layout, 0x7c);
    command(flash, layout, address, WORD_PROGRAM);
    flash.write(address, layout.bankWidth(), first);
    assertEquals(SR7_READY, status(flash, layout), "reads return status after a program");
    command(flash, layout, address, ALTERNATE_WORD_PROGRAM);
    flash.write(address, layout.bankWidth(), 0);
    command(flash, layout, 0, READ_ARRAY);
    assertEquals(
        0, flash.read(address, layout.bankWidth()), "0x10 is Word Program too; programs AND");
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void bufferedProgramIsStagedUntilConfirm(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    int w = layout.bankWidth();
    int words = BUFFER * layout.interleave() / w;
    long window = 2 * BLOCK_SIZE + BUFFER * layout.interleave();
    command(flash, layout, window, BUFFERED_PROGRAM);
    assertEquals(SR7_READY, status(flash, layout), "XSR.7: buffer available");
    flash.write(window, w, layout.everyLane(words - 1));
    for (int i = 0; i < words; i++) {
      flash.write(window + (long) i * w, w, pattern(layout, i));
    }
    assertTrue(
        allErased(media(flash, window, words * w)), "nothing is programmed before the confirm");
    command(flash, layout, window, CONFIRM);
    assertEquals(SR7_READY, status(flash, layout));
    command(flash, layout, 0, READ_ARRAY);
    for (int i = 0; i < words; i++) {
      assertEquals(pattern(layout, i), flash.read(window + (long) i * w, w), "word " + i);
    }
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void bufferedProgramWithAWrongConfirmAbortsAndProgramsNothing(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    int w = layout.bankWidth();
    byte[] before = snapshot(flash);
    command(flash, layout, 0, BUFFERED_PROGRAM);
    flash.write(0, w, layout.everyLane(0));
    flash.write(0, w, 0);
    command(flash, layout, 0, READ_ARRAY);
    assertEquals(SR7_READY | COMMAND_SEQUENCE_ERROR, status(flash, layout));
    assertArrayEquals(before, snapshot(flash));
    assertTrue(flash.lastAbortReason().contains("expected Confirm"), flash.lastAbortReason());
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void bufferedProgramOutsideItsWindowAbortsAndProgramsNothing(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    int w = layout.bankWidth();
    int bankBuffer = BUFFER * layout.interleave();
    byte[] before = snapshot(flash);
    command(flash, layout, 0, BUFFERED_PROGRAM);
    flash.write(0, w, layout.everyLane(1));
    flash.write(0, w, 0);
    flash.write(bankBuffer, w, 0);
    assertEquals(SR7_READY | COMMAND_SEQUENCE_ERROR, status(flash, layout));
    command(flash, layout, 0, CONFIRM);
    assertArrayEquals(
        before, snapshot(flash), "the buffer was discarded; a late confirm programs nothing");
    assertTrue(
        flash.lastAbortReason().contains("outside the write buffer window"),
        flash.lastAbortReason());
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void bufferedProgramLongerThanTheBufferAborts(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    command(flash, layout, 0, BUFFERED_PROGRAM);
    flash.write(0, layout.bankWidth(), layout.everyLane(BUFFER / layout.deviceWidth()));
    assertEquals(SR7_READY | COMMAND_SEQUENCE_ERROR, status(flash, layout));
    assertTrue(flash.lastAbortReason().contains("exceeds"), flash.lastAbortReason());
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void blockEraseErasesTheWholeBlockOfTheConfirmAddress(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    byte[] zeros = new byte[(int) flash.size()];
    flash.media().program(0, zeros, 0, zeros.length);
    long inBlock2 = 2 * BLOCK_SIZE + 40L * layout.bankWidth();
    command(flash, layout, inBlock2, BLOCK_ERASE);
    command(flash, layout, inBlock2, CONFIRM);
    assertEquals(SR7_READY, status(flash, layout));
    byte[] after = snapshot(flash);
    for (int i = 0; i < after.length; i++) {
      boolean inBlock = i >= 2 * BLOCK_SIZE && i < 3 * BLOCK_SIZE;
      assertEquals(inBlock ? (byte) 0xff : 0, after[i], "byte " + i);
    }
    assertEquals(1, flash.media().eraseCount(2));
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void blockEraseWithABadConfirmErasesNothing(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    flash.media().program(0, new byte[(int) BLOCK_SIZE], 0, (int) BLOCK_SIZE);
    byte[] before = snapshot(flash);
    command(flash, layout, 0, BLOCK_ERASE);
    command(flash, layout, 0, READ_ARRAY);
    assertEquals(SR7_READY | COMMAND_SEQUENCE_ERROR, status(flash, layout));
    assertArrayEquals(before, snapshot(flash));
    command(flash, layout, 0, CLEAR_STATUS_REGISTER);
    assertEquals(SR7_READY, status(flash, layout), "Clear Status Register clears the error bits");
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void lockedBlocksRefuseProgramAndEraseUntilUnlocked(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    int w = layout.bankWidth();
    command(flash, layout, BLOCK_SIZE, BLOCK_LOCK_SETUP);
    command(flash, layout, BLOCK_SIZE, LOCK_BLOCK);
    byte[] before = snapshot(flash);
    command(flash, layout, BLOCK_SIZE, WORD_PROGRAM);
    flash.write(BLOCK_SIZE, w, 0);
    assertEquals(SR7_READY | SR1_BLOCK_LOCKED | SR4_PROGRAM_ERROR, status(flash, layout));
    command(flash, layout, 0, CLEAR_STATUS_REGISTER);
    command(flash, layout, BLOCK_SIZE, BLOCK_ERASE);
    command(flash, layout, BLOCK_SIZE, CONFIRM);
    assertEquals(SR7_READY | SR1_BLOCK_LOCKED | SR5_ERASE_ERROR, status(flash, layout));
    command(flash, layout, BLOCK_SIZE, BUFFERED_PROGRAM);
    flash.write(BLOCK_SIZE, w, layout.everyLane(0));
    flash.write(BLOCK_SIZE, w, 0);
    command(flash, layout, BLOCK_SIZE, CONFIRM);
    assertArrayEquals(before, snapshot(flash), "nothing changed in the locked block");
    command(flash, layout, 0, CLEAR_STATUS_REGISTER);
    command(flash, layout, BLOCK_SIZE, BLOCK_LOCK_SETUP);
    command(flash, layout, BLOCK_SIZE, UNLOCK_BLOCK);
    command(flash, layout, BLOCK_SIZE, WORD_PROGRAM);
    flash.write(BLOCK_SIZE, w, 0);
    assertEquals(SR7_READY, status(flash, layout));
    assertEquals(0, media(flash, BLOCK_SIZE, 1)[0]);
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void locksAreVolatile(Layout layout) throws IOException {
    CfiNorFlash unlocked = device(layout);
    command(unlocked, layout, 0, BLOCK_LOCK_SETUP);
    command(unlocked, layout, 0, LOCK_BLOCK);
    assertTrue(unlocked.isBlockLocked(0));
    unlocked.powerUpReset();
    assertFalse(unlocked.isBlockLocked(0), "a power cycle clears the lock");
    assertEquals(IntelCommandSetChip.ReadMode.READ_ARRAY, unlocked.readMode());

    CfiNorFlash lockedAtStart = device(layout, ProgramPolicy.AND, true, BUFFER);
    assertTrue(lockedAtStart.isBlockLocked(3));
    command(lockedAtStart, layout, 3 * BLOCK_SIZE, BLOCK_LOCK_SETUP);
    command(lockedAtStart, layout, 3 * BLOCK_SIZE, UNLOCK_BLOCK);
    assertFalse(lockedAtStart.isBlockLocked(3));
    lockedAtStart.powerUpReset();
    assertTrue(lockedAtStart.isBlockLocked(3), "power-up locks every block again");
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void lockSetupFollowedByAnythingElseIsASequenceError(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    command(flash, layout, 0, BLOCK_LOCK_SETUP);
    command(flash, layout, 0, READ_ARRAY);
    assertEquals(SR7_READY | COMMAND_SEQUENCE_ERROR, status(flash, layout));
    assertFalse(flash.isBlockLocked(0));
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void programmingVoltageOffAbortsWithSr3(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    byte[] before = snapshot(flash);
    flash.setProgrammingVoltage(false);
    command(flash, layout, 0, WORD_PROGRAM);
    flash.write(0, layout.bankWidth(), 0);
    assertEquals(SR7_READY | SR3_VPP_LOW | SR4_PROGRAM_ERROR, status(flash, layout));
    command(flash, layout, 0, CLEAR_STATUS_REGISTER);
    command(flash, layout, 0, BLOCK_ERASE);
    command(flash, layout, 0, CONFIRM);
    assertEquals(SR7_READY | SR3_VPP_LOW | SR5_ERASE_ERROR, status(flash, layout));
    assertArrayEquals(before, snapshot(flash));
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void rejectOverwritePolicyReportsAProgramError(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout, ProgramPolicy.REJECT_OVERWRITE, false, BUFFER);
    int w = layout.bankWidth();
    command(flash, layout, 0, WORD_PROGRAM);
    flash.write(0, w, 0);
    command(flash, layout, 0, WORD_PROGRAM);
    flash.write(0, w, layout.everyLane(0x7f));
    assertEquals(
        SR7_READY | SR4_PROGRAM_ERROR,
        status(flash, layout),
        "0x7f over 0x00 needs bits set back to 1");
    assertEquals(0, media(flash, 0, 1)[0]);
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void unknownCommandsAreSequenceErrorsAndEachDeviceTakesItsOwnCommand(Layout layout)
      throws IOException {
    CfiNorFlash flash = device(layout);
    command(flash, layout, 0, 0x42);
    assertEquals(SR7_READY | COMMAND_SEQUENCE_ERROR, status(flash, layout));
    assertTrue(flash.lastAbortReason().contains("unknown command 0x42"), flash.lastAbortReason());
    if (layout.interleave() > 1) {
      command(flash, layout, 0, CLEAR_STATUS_REGISTER);
      command(flash, layout, 0, READ_ARRAY);
      // device 0 gets Read Query, the others Read Array: each answers in its own mode
      int lowestLaneShift =
          layout.order() == ByteOrder.LITTLE_ENDIAN
              ? 0
              : 8 * (layout.bankWidth() - layout.deviceWidth());
      long laneMask = ((1L << (8 * layout.deviceWidth())) - 1) << lowestLaneShift;
      long value =
          (layout.everyLane(READ_ARRAY) & ~laneMask) | ((long) READ_QUERY << lowestLaneShift);
      flash.write(0, layout.bankWidth(), value);
      byte[] q = new byte[layout.bankWidth()];
      flash.readBulk(0x10L * layout.bankWidth(), q, 0, q.length);
      int dataLow = layout.order() == ByteOrder.LITTLE_ENDIAN ? 0 : layout.deviceWidth() - 1;
      assertEquals('Q', q[dataLow] & 0xff, "device 0 (lowest address) answers the query");
      assertEquals((byte) 0xff, q[q.length - 1], "the last device reads its erased array");
    }
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void badAccessesAreRefusedAndChangeNothing(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    int w = layout.bankWidth();
    byte[] before = snapshot(flash);
    long size = flash.size();
    assertThrows(MmioAccessException.class, () -> flash.read(size, w));
    assertThrows(MmioAccessException.class, () -> flash.read(-w, w));
    assertThrows(MmioAccessException.class, () -> flash.read(0, 3));
    assertThrows(MmioAccessException.class, () -> flash.readBulk(size - 1, new byte[2], 0, 2));
    command(flash, layout, 0, WORD_PROGRAM);
    MmioAccessException outside =
        assertThrows(MmioAccessException.class, () -> flash.write(size, w, 0));
    assertTrue(outside.getMessage().contains("outside the device"), outside.getMessage());
    if (w > 1) {
      MmioAccessException misaligned =
          assertThrows(MmioAccessException.class, () -> flash.write(1, w, 0));
      assertTrue(misaligned.getMessage().contains("not aligned"), misaligned.getMessage());
    }
    if (layout.deviceWidth() > 1) {
      MmioAccessException narrow =
          assertThrows(MmioAccessException.class, () -> flash.write(0, 1, 0));
      assertTrue(narrow.getMessage().contains("half of an x16 device"), narrow.getMessage());
    }
    MmioAccessException wide = assertThrows(MmioAccessException.class, () -> flash.write(0, 8, 0));
    assertTrue(wide.getMessage().contains("bytes wide"), wide.getMessage());
    assertArrayEquals(before, snapshot(flash), "refused accesses changed nothing");
    flash.write(0, w, (1L << (8 * w)) - 1);
    assertArrayEquals(
        before, snapshot(flash), "the pending Word Program took all-ones data: no cell changed");
    assertEquals(SR7_READY, status(flash, layout), "and it completed without error");
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void bulkAndNarrowReadsOutsideArrayModeSeeStatusOnEveryByteLane(Layout layout)
      throws IOException {
    CfiNorFlash flash = device(layout);
    command(flash, layout, 0, READ_STATUS_REGISTER);
    byte[] bytes = new byte[2 * layout.bankWidth()];
    flash.readBulk(0, bytes, 0, bytes.length);
    byte[] expected = new byte[bytes.length];
    for (int i = 0; i < expected.length; i++) {
      int lanePosition =
          layout.order() == ByteOrder.LITTLE_ENDIAN
              ? i % layout.bankWidth()
              : layout.bankWidth() - 1 - i % layout.bankWidth();
      expected[i] = lanePosition % layout.deviceWidth() == 0 ? (byte) SR7_READY : 0;
    }
    assertArrayEquals(expected, bytes);
    assertEquals(expected[0] & 0xff, flash.read(0, 1));
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void anyCommandLeavesReadArrayMode(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout);
    assertEquals(IntelCommandSetChip.ReadMode.READ_ARRAY, flash.readMode());
    command(flash, layout, 0, READ_QUERY);
    assertEquals(IntelCommandSetChip.ReadMode.READ_QUERY, flash.readMode());
    command(flash, layout, 0, AMD_RESET);
    assertEquals(
        IntelCommandSetChip.ReadMode.READ_ARRAY,
        flash.readMode(),
        "0xf0 is accepted as Read Array");
    command(flash, layout, 0, BLOCK_ERASE);
    assertEquals(IntelCommandSetChip.ReadMode.READ_STATUS, flash.readMode());
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void deviceWithoutWriteBufferRefusesBufferedProgram(Layout layout) throws IOException {
    CfiNorFlash flash = device(layout, ProgramPolicy.AND, false, 0);
    command(flash, layout, 0, READ_QUERY);
    assertEquals(
        0, flash.read((long) MAX_WRITE_BUFFER_SIZE * layout.bankWidth(), layout.bankWidth()));
    command(flash, layout, 0, BUFFERED_PROGRAM);
    assertEquals(SR7_READY | COMMAND_SEQUENCE_ERROR, status(flash, layout));
  }

  @org.junit.jupiter.api.Test
  void parametersAreValidatedWithClearMessages() {
    ByteOrder le = ByteOrder.LITTLE_ENDIAN;
    assertMessage(
        "bank width must be 1, 2 or 4",
        () -> new CfiDeviceParameters("n", 3, 1, 4096, 4, 0x89, 0x16, 0, le, false));
    assertMessage(
        "does not fit a 8-bit bank",
        () -> new CfiDeviceParameters("n", 1, 2, 4096, 4, 0x89, 0x16, 0, le, false));
    assertMessage(
        "block count must be a power of two",
        () -> new CfiDeviceParameters("n", 4, 2, 4096, 12, 0x89, 0x16, 0, le, false));
    assertMessage(
        "256 bytes to 16 MiB",
        () -> new CfiDeviceParameters("n", 4, 1, 512, 4, 0x89, 0x16, 0, le, false));
    assertMessage(
        "device ID 0x1234 does not fit an x8 device",
        () -> new CfiDeviceParameters("n", 1, 1, 4096, 4, 0x89, 0x1234, 0, le, false));
    assertMessage(
        "write buffer size",
        () -> new CfiDeviceParameters("n", 2, 2, 4096, 4, 0x89, 0x16, 24, le, false));
  }

  @org.junit.jupiter.api.Test
  void mediaMustFitTheParameters() throws IOException {
    FlashMedia media = NorMedia.open(MediaSpec.ram("n", 8192, 4096));
    assertMessage(
        "does not fit the device",
        () -> new CfiNorFlash(CfiDeviceParameters.twoX16On32Bit("n"), media));
  }

  private static void assertMessage(
      String part, org.junit.jupiter.api.function.Executable executable) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  private static boolean allErased(byte[] data) {
    for (byte b : data) {
      if (b != (byte) 0xff) {
        return false;
      }
    }
    return true;
  }
}
