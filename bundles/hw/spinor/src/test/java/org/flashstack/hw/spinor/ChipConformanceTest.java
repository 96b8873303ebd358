package org.flashstack.hw.spinor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.flashstack.api.spi.SpiBusConflictException;
import org.flashstack.api.spi.SpiLanes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The datasheet behaviour every catalog part must show, table-driven from the catalog: each test
 * runs on every part, and each assertion names the behaviour it checks.
 */
class ChipConformanceTest {

  static Stream<ChipPart> parts() {
    return ChipCatalog.builtIn().parts().stream();
  }

  private static byte[] pattern(int length, int seed) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }

  /** Clears whatever protects the part at power-up (SST26 locks every block). */
  private static void unprotect(SpiHost host) {
    if (host.part.protection().globalUnlock() >= 0) {
      host.writeEnable();
      host.command(host.part.protection().globalUnlock());
    }
  }

  @ParameterizedTest
  @MethodSource("parts")
  void readJedecIdReturnsTheIdAndRepeats(ChipPart part) {
    SpiHost host = new SpiHost(part);
    byte[] id = part.jedecId();
    byte[] read = host.query(0x9f, id.length * 2);
    assertArrayEquals(id, Arrays.copyOf(read, id.length), "RDID (9Fh): manufacturer first");
    assertArrayEquals(
        id, Arrays.copyOfRange(read, id.length, 2 * id.length), "RDID wraps while clocked");
  }

  @ParameterizedTest
  @MethodSource("parts")
  void legacyIdReads(ChipPart part) {
    SpiHost host = new SpiHost(part);
    byte[] rems = part.legacyIds().get(0x90);
    if (rems != null) {
      assertArrayEquals(
          rems,
          host.read(0x90, 0, 3, part.reads().get(0), 0, 2),
          "REMS (90h) at address 0: manufacturer, then device ID");
      assertArrayEquals(
          new byte[] {rems[1], rems[0]},
          host.read(0x90, 1, 3, part.reads().get(0), 0, 2),
          "REMS at address 1: device ID first");
    }
    byte[] res = part.legacyIds().get(0xab);
    if (res != null) {
      assertArrayEquals(
          res,
          host.read(0xab, 0, 3, part.reads().get(0), 0, 1),
          "RES (ABh): signature after 3 dummy bytes");
    }
  }

  @ParameterizedTest
  @MethodSource("parts")
  void readSfdpAnswersTheTableAfterEightDummyClocks(ChipPart part) {
    SpiHost host = new SpiHost(part);
    byte[] expected = SfdpTableBuilder.sfdpOf(part);
    byte[] read = host.read(0x5a, 0, 3, part.reads().get(0), 8, expected.length + 4);
    assertArrayEquals(expected, Arrays.copyOf(read, expected.length), "Read SFDP (5Ah)");
    assertEquals((byte) 0xff, read[expected.length], "past the SFDP space the bus floats");
    assertEquals("SFDP", new String(expected, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
  }

  @ParameterizedTest
  @MethodSource("parts")
  void programNeedsWriteEnableAndCompletionClearsIt(ChipPart part) {
    SpiHost host = new SpiHost(part);
    unprotect(host);
    ChipPart.Program program = part.programs().get(0);
    byte[] data = pattern(16, 1);
    host.chip.select();
    host.chip.transmit(new byte[] {(byte) program.opcode(), 0, 0, 0}, 0, 4, SpiLanes.SINGLE);
    host.chip.transmit(data, 0, data.length, SpiLanes.SINGLE);
    host.chip.deselect();
    assertFalse(host.chip.isBusy(), "page program without WREN is not executed");
    assertTrue(isErased(host.read(0, 16)), "nothing was programmed without WEL");
    host.writeEnable();
    assertTrue(host.bit(part.roles().writeEnable()), "WREN (06h) sets WEL");
    host.command(0x04);
    assertFalse(host.bit(part.roles().writeEnable()), "WRDI (04h) clears WEL");
    host.program(0, data);
    assertTrue(host.bit(part.roles().busy()), "WIP is set while the page program runs");
    host.waitReady();
    assertFalse(host.bit(part.roles().busy()), "WIP clears when the program completes");
    assertFalse(host.bit(part.roles().writeEnable()), "completion of a program clears WEL");
    assertArrayEquals(data, host.read(0, 16));
    host.erase(part.eraseTypes().get(0).opcode(), 0, 3);
    host.waitReady();
    assertFalse(host.bit(part.roles().writeEnable()), "completion of an erase clears WEL");
    assertTrue(isErased(host.read(0, 16)));
  }

  private static boolean isErased(byte[] bytes) {
    for (byte b : bytes) {
      if (b != (byte) 0xff) {
        return false;
      }
    }
    return true;
  }

  @ParameterizedTest
  @MethodSource("parts")
  void busyForTheTypicalProgramAndEraseTimes(ChipPart part) {
    SpiHost host = new SpiHost(part);
    unprotect(host);
    host.program(0, pattern(part.pageSize(), 2));
    long program = part.timing().programMicros(part.pageSize()) * 1000;
    host.clock.advance(program - 1);
    assertTrue(host.chip.isBusy(), "still busy 1 ns before the typical page program time");
    host.clock.advance(1);
    assertFalse(host.chip.isBusy(), "done at the typical page program time");
    ChipPart.Region region = part.regions().get(part.regions().size() - 1);
    for (int number : region.eraseTypes()) {
      ChipPart.EraseType type = part.eraseType(number);
      host.erase(type.opcode(), region.offset() % (1L << 24), 3);
      if (region.offset() >= (1L << 24)) {
        host.waitReady();
        continue;
      }
      host.clock.advance(type.typicalMicros() * 1000 - 1);
      assertTrue(host.chip.isBusy(), "erase type " + number + " busy until its typical time");
      host.clock.advance(1);
      assertFalse(host.chip.isBusy(), "erase type " + number + " done at its typical time");
    }
  }

  @ParameterizedTest
  @MethodSource("parts")
  void whileBusyOnlyStatusReadsAreAnswered(ChipPart part) {
    SpiHost host = new SpiHost(part);
    unprotect(host);
    byte[] data = pattern(8, 3);
    host.program(0, data);
    assertTrue(host.chip.isBusy());
    assertTrue(isErased(host.read(0, 8)), "a read while busy is ignored: the bus floats");
    assertArrayEquals(new byte[] {-1, -1, -1}, host.query(0x9f, 3), "RDID while busy is ignored");
    host.writeEnable();
    host.program(part.pageSize(), data);
    host.waitReady();
    assertTrue(isErased(host.read(part.pageSize(), 8)), "a program while busy is ignored");
    assertArrayEquals(data, host.read(0, 8), "the first program completed");
  }

  @ParameterizedTest
  @MethodSource("parts")
  void pageProgramWrapsInsideThePage(ChipPart part) {
    SpiHost host = new SpiHost(part);
    unprotect(host);
    int page = part.pageSize();
    long base = 3L * page;
    byte[] data = pattern(10, 4);
    host.program(base + page - 6, data);
    host.waitReady();
    byte[] read = host.read(base, page);
    assertArrayEquals(Arrays.copyOf(data, 6), Arrays.copyOfRange(read, page - 6, page));
    assertArrayEquals(
        Arrays.copyOfRange(data, 6, 10),
        Arrays.copyOf(read, 4),
        "the address wraps to the page start");
    assertTrue(isErased(host.read(base + page, 4)), "the next page is untouched");
  }

  @ParameterizedTest
  @MethodSource("parts")
  void programOnlyClearsBits(ChipPart part) {
    SpiHost host = new SpiHost(part);
    unprotect(host);
    host.program(0x100, new byte[] {(byte) 0xf0, (byte) 0x0f});
    host.waitReady();
    host.program(0x100, new byte[] {(byte) 0x3c, (byte) 0xff});
    host.waitReady();
    assertArrayEquals(new byte[] {0x30, 0x0f}, host.read(0x100, 2), "NOR: stored & programmed");
  }

  @ParameterizedTest
  @MethodSource("parts")
  void eachEraseTypeErasesItsUnitWhereTheSectorMapAllowsIt(ChipPart part) {
    for (ChipPart.Region region : part.regions()) {
      if (region.offset() >= (1L << 24)) {
        continue;
      }
      for (ChipPart.EraseType type : part.eraseTypes()) {
        SpiHost host = new SpiHost(part);
        unprotect(host);
        long unit = region.offset();
        byte[] before = pattern(4, 5);
        host.program(unit, before);
        host.waitReady();
        host.program(unit + type.size(), before);
        host.waitReady();
        if (unit > 0) {
          host.program(unit - 4, before);
          host.waitReady();
        }
        host.erase(type.opcode(), unit + type.size() / 2, 3);
        host.waitReady();
        boolean works = region.eraseTypes().contains(type.number());
        if (!works
            && part.eraseTypes().stream()
                .anyMatch(
                    other ->
                        other.opcode() == type.opcode()
                            && region.eraseTypes().contains(other.number()))) {
          continue;
        }
        assertEquals(
            works,
            isErased(host.read(unit, 4)),
            "erase type " + type.number() + " in region at 0x" + Long.toHexString(unit));
        if (works && unit + type.size() < part.size()) {
          assertArrayEquals(before, host.read(unit + type.size(), 4), "the next unit is kept");
        }
        if (unit > 0) {
          assertArrayEquals(before, host.read(unit - 4, 4), "the unit before is kept");
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("parts")
  void chipEraseErasesEverything(ChipPart part) {
    SpiHost host = new SpiHost(part);
    unprotect(host);
    host.program(0, pattern(4, 6));
    host.waitReady();
    host.program(Math.min(part.size() / 2, 1L << 23), pattern(4, 6));
    host.waitReady();
    host.writeEnable();
    host.command(part.chipEraseOpcodes().get(0));
    assertTrue(host.chip.isBusy(), "chip erase runs");
    host.waitReady();
    assertTrue(isErased(host.read(0, 4)));
    assertTrue(isErased(host.read(Math.min(part.size() / 2, 1L << 23), 4)));
  }

  @ParameterizedTest
  @MethodSource("parts")
  void aCommandCutShortDoesNothing(ChipPart part) {
    SpiHost host = new SpiHost(part);
    unprotect(host);
    host.writeEnable();
    host.command(part.programs().get(0).opcode(), 0, 0);
    assertFalse(host.chip.isBusy(), "page program with a partial address is not executed");
    assertTrue(host.bit(part.roles().writeEnable()), "and WEL is kept");
    host.program(0, pattern(4, 7));
    host.waitReady();
    host.writeEnable();
    host.command(part.eraseTypes().get(0).opcode(), 0, 0);
    assertFalse(host.chip.isBusy(), "an erase with a partial address is not executed");
    host.command(part.eraseTypes().get(0).opcode(), 0, 0, 0, 0);
    assertFalse(host.chip.isBusy(), "an erase with a byte too many is not executed");
    assertArrayEquals(pattern(4, 7), host.read(0, 4));
  }

  @ParameterizedTest
  @MethodSource("parts")
  void everyReadModeReturnsTheArrayOnItsLanes(ChipPart part) {
    SpiHost host = new SpiHost(part);
    unprotect(host);
    byte[] data = pattern(64, 8);
    host.program(0x200, data);
    host.waitReady();
    if (part.roles().quadEnable() != null) {
      host.setBit(part.roles().quadEnable(), true);
    }
    for (ChipPart.Read read : part.reads()) {
      assertArrayEquals(
          data,
          host.read(read, 0x200, 64, 3),
          String.format("read %s (%02Xh)", read.mode(), read.opcode()));
      if (read.lanes(2) > 1) {
        byte[] wrongLanes =
            host.read(
                read.opcode(),
                0x200,
                3,
                part.reads().get(0),
                read.modeClocks() + read.dummyClocks(),
                8);
        if (read.lanes(1) == 1) {
          assertTrue(
              isErased(wrongLanes), read.mode() + " sampled on one lane reads the floating bus");
        }
      }
      if (read.dummyClocks() + read.modeClocks() > 0) {
        byte[] early =
            host.read(
                read.opcode(),
                0x200,
                3,
                read,
                read.modeClocks() + read.dummyClocks() - 8 / read.lanes(2),
                9);
        assertEquals(
            (byte) 0xff, early[0], read.mode() + ": too few dummy clocks read the wait states");
        assertArrayEquals(Arrays.copyOf(data, 8), Arrays.copyOfRange(early, 1, 9));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("parts")
  void quadInstructionsNeedTheQuadEnableBit(ChipPart part) {
    assumeTrue(part.roles().quadEnable() != null);
    SpiHost host = new SpiHost(part);
    unprotect(host);
    byte[] data = pattern(16, 9);
    host.program(0, data);
    host.waitReady();
    for (ChipPart.Read read : part.reads()) {
      if (read.needsQuadEnable()) {
        assertTrue(isErased(host.read(read, 0, 16, 3)), read.mode() + " is ignored with QE = 0");
      }
    }
    host.setBit(part.roles().quadEnable(), true);
    assertTrue(host.bit(part.roles().quadEnable()), "the quad enable bit is written");
    for (ChipPart.Read read : part.reads()) {
      assertArrayEquals(data, host.read(read, 0, 16, 3), read.mode() + " with QE = 1");
    }
  }

  @ParameterizedTest
  @MethodSource("parts")
  void fourByteAddressing(ChipPart part) {
    assumeTrue(part.size() > (1L << 24));
    SpiHost host = new SpiHost(part);
    long high = part.size() - 0x1000;
    host.command(0x9f);
    if (!part.addressing().enter().isEmpty()) {
      if (part.addressing().needsWriteEnable()) {
        host.command(part.addressing().enter().get(0));
        assertFalse(host.chip.isFourByteMode(), "this part needs WREN before EN4B");
        host.writeEnable();
      }
      host.command(part.addressing().enter().get(0));
      assertTrue(host.chip.isFourByteMode(), "EN4B enters 4-byte addressing");
      if (part.roles().fourByteMode() != null) {
        assertTrue(host.bit(part.roles().fourByteMode()), "the status shows 4-byte mode");
      }
      host.program(high, new byte[] {0x12, 0x34});
      host.waitReady();
      assertArrayEquals(
          new byte[] {0x12, 0x34}, host.read(high, 2), "4-byte address reaches the top");
      if (part.addressing().needsWriteEnable()) {
        host.writeEnable();
      }
      host.command(part.addressing().exit().get(0));
      assertFalse(host.chip.isFourByteMode(), "EX4B returns to 3-byte addressing");
      if (part.addressing().fourByteOpcodes().containsValue(0x13)) {
        assertArrayEquals(
            new byte[] {0x12, 0x34},
            host.read(0x13, high, 4, part.reads().get(0), 0, 2),
            "the dedicated 4-byte read (13h) works in 3-byte mode");
      }
    }
    if (part.roles().extendedAddress() >= 0) {
      SpiHost fresh = new SpiHost(part);
      assertFalse(fresh.chip.isFourByteMode());
      int register = part.roles().extendedAddress();
      ChipPart.Register extended = part.registers().get(register);
      int value = (int) (high >>> 24) | (fresh.chip.register(register) & 0x80);
      if (extended.writeNeedsWriteEnable()) {
        fresh.writeEnable();
      }
      fresh.command(extended.writeOpcode(), value);
      assertFalse(fresh.chip.isFourByteMode(), "writing A24 does not change the address mode");
      fresh.program(high & 0xffffff, new byte[] {0x56});
      fresh.waitReady();
      assertEquals(
          (byte) 0x56,
          fresh.read(high & 0xffffff, 1)[0],
          "the extended address register gives A24 of reads and programs in 3-byte mode");
      assertEquals(
          (byte) 0x56,
          fresh.read(0x13, high, 4, part.reads().get(0), 0, 1)[0],
          "the byte is at the 4-byte address");
      assertTrue(isErased(fresh.read(0x13, high & 0xffffff, 4, part.reads().get(0), 0, 1)));
    }
  }

  @ParameterizedTest
  @MethodSource("parts")
  void blockProtectionRefusesProgramAndErase(ChipPart part) {
    SpiHost host = new SpiHost(part);
    long top = part.size() - part.smallestErase();
    if (part.size() > (1L << 24)) {
      assumeTrue(!part.addressing().enter().isEmpty() || part.roles().extendedAddress() >= 0);
    }
    if (part.protection().scheme().equals("sst26")) {
      host.program(0, new byte[] {1});
      host.waitReady();
      assertTrue(isErased(host.read(0, 1)), "SST26: every block is write-locked at power-up");
      assertFalse(host.bit(part.roles().writeEnable()), "a refused program clears WEL");
      byte[] bpr = host.query(part.protection().registerRead(), 18);
      assertNotEquals(0, bpr[bpr.length - 1], "RBPR shows the locks");
      unprotect(host);
      host.program(0, new byte[] {1});
      host.waitReady();
      assertArrayEquals(new byte[] {1}, host.read(0, 1), "after ULBPR (98h) it programs");
      return;
    }
    assumeTrue(!part.protection().scheme().equals("none"));
    if (part.size() > (1L << 24)) {
      enterFourByte(host);
    }
    long kept = top + 16;
    host.program(part.programs().get(0), kept, new byte[] {0x33}, host.addressBytes());
    host.waitReady();
    ChipPart.Bit bp0 = part.protection().blockProtect().get(0);
    host.setBit(bp0, true);
    assertTrue(host.bit(bp0), "BP0 is written");
    host.program(part.programs().get(0), top, new byte[] {0x11}, host.addressBytes());
    host.waitReady();
    assertTrue(isErased(host.read(top, 1)), "BP0 protects the top of the part");
    if (part.roles().programError() != null) {
      assertTrue(host.bit(part.roles().programError()), "a refused program sets the error bit");
      if (part.clearStatus() >= 0) {
        host.command(part.clearStatus());
        assertFalse(host.bit(part.roles().programError()), "clear status clears it");
      }
    }
    host.erase(
        part.eraseTypes().get(part.eraseTypes().size() - 1).opcode(), top, host.addressBytes());
    if (part.clearStatus() >= 0) {
      host.command(part.clearStatus());
    }
    host.waitReady();
    assertTrue(isErased(host.read(top, 1)), "the protected block still reads erased");
    assertArrayEquals(new byte[] {0x33}, host.read(kept, 1), "and the erase left its data");
    host.program(part.programs().get(0), 0, new byte[] {0x22}, host.addressBytes());
    host.waitReady();
    assertArrayEquals(new byte[] {0x22}, host.read(0, 1), "the bottom is not protected");
  }

  private static void enterFourByte(SpiHost host) {
    ChipPart part = host.part;
    if (!part.addressing().enter().isEmpty()) {
      host.writeEnable();
      host.command(part.addressing().enter().get(0));
    } else {
      ChipPart.Register bar = part.registers().get(part.roles().extendedAddress());
      host.command(bar.writeOpcode(), 0x80);
    }
    assertTrue(host.chip.isFourByteMode());
  }

  @ParameterizedTest
  @MethodSource("parts")
  void suspendAndResumeAnErase(ChipPart part) {
    assumeTrue(part.suspend() != null);
    SpiHost host = new SpiHost(part);
    unprotect(host);
    byte[] data = pattern(8, 10);
    long other = Math.min(part.size() / 2, 1L << 23);
    host.program(other, data);
    host.waitReady();
    ChipPart.EraseType type = part.eraseType(part.regions().get(0).eraseTypes().get(0));
    host.erase(type.opcode(), 0, 3);
    host.clock.advance(type.typicalMicros() * 1000 / 2);
    host.command(part.suspend().suspend());
    assertFalse(host.chip.isBusy(), "suspend: WIP clears");
    assertTrue(host.bit(part.roles().eraseSuspended()), "suspend: the erase-suspended bit is set");
    assertArrayEquals(
        data, host.read(other, 8), "the array outside the erase reads while suspended");
    host.program(other + 8, data);
    host.waitReady();
    assertArrayEquals(data, host.read(other + 8, 8), "pages outside the suspended block program");
    host.erase(type.opcode(), other, 3);
    assertFalse(host.chip.isBusy(), "no erase while an erase is suspended");
    host.command(part.suspend().resume());
    assertTrue(host.chip.isBusy(), "resume: busy again");
    assertFalse(host.bit(part.roles().eraseSuspended()));
    host.clock.advance(type.typicalMicros() * 1000 / 2 - 1000);
    assertTrue(host.chip.isBusy(), "the erase continues for the rest of its time");
    host.waitReady();
    assertArrayEquals(data, host.read(other, 8));
  }

  @ParameterizedTest
  @MethodSource("parts")
  void softResetReturnsTheVolatileState(ChipPart part) {
    assumeTrue(part.reset() != null);
    SpiHost host = new SpiHost(part);
    host.writeEnable();
    if (part.reset().enable() >= 0) {
      host.command(part.reset().enable());
      host.command(0x9f);
      host.command(part.reset().reset());
      assertTrue(
          host.bit(part.roles().writeEnable()),
          "reset enable followed by another command: 99h is ignored");
      host.command(part.reset().enable());
    }
    host.command(part.reset().reset());
    host.waitReady();
    assertFalse(host.bit(part.roles().writeEnable()), "soft reset clears WEL");
  }

  @ParameterizedTest
  @MethodSource("parts")
  void deepPowerDownIgnoresAllButTheRelease(ChipPart part) {
    assumeTrue(part.deepPowerDown() != null);
    SpiHost host = new SpiHost(part);
    host.command(part.deepPowerDown().enter());
    assertTrue(host.chip.isDeepPoweredDown());
    assertArrayEquals(
        new byte[] {-1, -1, -1}, host.query(0x9f, 3), "RDID is ignored in deep power-down");
    host.command(part.deepPowerDown().release());
    assertFalse(host.chip.isDeepPoweredDown(), "release from deep power-down");
    assertArrayEquals(Arrays.copyOf(part.jedecId(), 3), host.query(0x9f, 3));
  }

  @ParameterizedTest
  @MethodSource("parts")
  void volatileStatusWritesAreLostAtPowerCycleNonVolatileOnesKept(ChipPart part) {
    ChipPart.Bit bp0 =
        part.protection().blockProtect().isEmpty() ? null : part.protection().blockProtect().get(0);
    assumeTrue(bp0 != null);
    SpiHost host = new SpiHost(part);
    host.setBit(bp0, true);
    host.chip.powerOff();
    host.chip.powerOn();
    assertTrue(host.bit(bp0), "a non-volatile status write survives a power cycle");
    if (part.volatileWriteEnable() >= 0) {
      int value = host.chip.register(bp0.register()) & ~bp0.mask();
      host.command(part.volatileWriteEnable());
      host.command(part.writeStatus().opcode(), value);
      assertFalse(host.chip.isBusy(), "a volatile status write takes no write time");
      assertFalse(host.bit(bp0), "after 50h the volatile copy changes");
      host.chip.powerOff();
      host.chip.powerOn();
      assertTrue(host.bit(bp0), "and the power cycle restores the non-volatile value");
    }
  }

  @ParameterizedTest
  @MethodSource("parts")
  void nonVolatileStatusBitsSurviveARestartVolatileWritesDoNot(ChipPart part) {
    ChipPart.Bit bp0 =
        part.protection().blockProtect().isEmpty() ? null : part.protection().blockProtect().get(0);
    assumeTrue(bp0 != null);
    SpiHost host = new SpiHost(part);
    host.setBit(bp0, true);
    host.clock.pause(Long.MAX_VALUE);
    if (part.volatileWriteEnable() >= 0) {
      int value = host.chip.register(bp0.register()) & ~bp0.mask();
      host.command(part.volatileWriteEnable());
      host.command(part.writeStatus().opcode(), value);
      assertFalse(host.bit(bp0), "the volatile copy changed");
    }
    SpiHost restarted = new SpiHost(part, host.chip.media());
    restarted.clock.pause(Long.MAX_VALUE);
    assertTrue(restarted.bit(bp0), "the emulator restarted over the image: BP0 is still set");
    restarted.setBit(bp0, false);
    restarted.clock.pause(Long.MAX_VALUE);
    assertFalse(new SpiHost(part, host.chip.media()).bit(bp0), "and its clearing lasts too");
  }

  @ParameterizedTest
  @MethodSource("parts")
  void oneTimeProgrammableBitsStaySetAcrossARestart(ChipPart part) {
    int index = -1;
    for (int i = 0; i < part.registers().size(); i++) {
      if (part.registers().get(i).oneTimeProgrammable() != 0) {
        index = i;
        break;
      }
    }
    assumeTrue(index >= 0);
    int otp = Integer.lowestOneBit(part.registers().get(index).oneTimeProgrammable());
    SpiHost host = new SpiHost(part);
    host.writeRegister(index, host.chip.register(index) | otp);
    assertEquals(otp, host.chip.register(index) & otp, "the lock bit is set");
    SpiHost restarted = new SpiHost(part, host.chip.media());
    restarted.clock.pause(Long.MAX_VALUE);
    assertEquals(otp, restarted.chip.register(index) & otp, "and is still set after a restart");
    restarted.writeRegister(index, restarted.chip.register(index) & ~otp);
    assertEquals(otp, restarted.chip.register(index) & otp, "and cannot be cleared");
  }

  @ParameterizedTest
  @MethodSource("parts")
  void overlappingTransactionsAreABusConflict(ChipPart part) {
    SpiHost host = new SpiHost(part);
    host.chip.select();
    assertThrows(SpiBusConflictException.class, host.chip::select);
    host.chip.deselect();
    assertThrows(SpiBusConflictException.class, host.chip::deselect);
    assertThrows(
        SpiBusConflictException.class,
        () -> host.chip.transmit(new byte[1], 0, 1, SpiLanes.SINGLE));
    assertEquals(3, host.chip.busConflicts());
  }

  /** Random transactions: the chip never throws, never reaches outside itself. */
  @ParameterizedTest
  @MethodSource("parts")
  void hostileBusTrafficNeverBreaksTheModel(ChipPart part) {
    SpiHost host = new SpiHost(part);
    Random random = new Random(part.name().hashCode());
    SpiLanes[] lanes = SpiLanes.values();
    byte[] buffer = new byte[300];
    for (int round = 0; round < 3000; round++) {
      host.chip.select();
      int segments = 1 + random.nextInt(4);
      for (int s = 0; s < segments; s++) {
        int length = random.nextInt(buffer.length);
        switch (random.nextInt(4)) {
          case 0 -> {
            random.nextBytes(buffer);
            host.chip.transmit(buffer, 0, length, lanes[random.nextInt(lanes.length)]);
          }
          case 1 -> host.chip.receive(buffer, 0, length, lanes[random.nextInt(lanes.length)]);
          case 2 -> host.chip.exchange(buffer, 0, buffer, 0, length);
          default -> host.chip.dummy(random.nextInt(64) - 8);
        }
      }
      host.chip.deselect();
      if (random.nextInt(50) == 0) {
        host.clock.advance(random.nextInt(1_000_000_000));
      }
    }
    host.waitReady();
    host.chip.powerOff();
    host.chip.powerOn();
    assertArrayEquals(Arrays.copyOf(part.jedecId(), 3), host.query(0x9f, 3), "still answers");
  }
}
