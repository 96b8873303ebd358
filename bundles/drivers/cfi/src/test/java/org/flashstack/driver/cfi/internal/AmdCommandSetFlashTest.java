package org.flashstack.driver.cfi.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.api.fault.OperationSchedule;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.cfi.AmdCfiBank;
import org.flashstack.hw.cfi.AmdQueryTable;
import org.flashstack.hw.cfi.CfiPart;
import org.flashstack.hw.cfi.CfiParts;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The driver against the AMD/Fujitsu model, through the bank's MMIO window only, for the preset
 * parts and for every bus layout: one device or two, word or byte mode, either byte order.
 */
class AmdCommandSetFlashTest {

  /**
   * A small part with everything the S29GL-S has (a 64-byte write buffer, program suspend, PPB and
   * DYB), top-boot sectors, so tests stay quick: 15 x 64 KiB then 8 x 8 KiB.
   */
  static final CfiPart SMALL_TOP_BOOT =
      new CfiPart(
          "small",
          0x01,
          0x22D7,
          0,
          0,
          List.of(new EraseRegion(0, 64 << 10, 15), new EraseRegion(15 * (64 << 10), 8 << 10, 8)),
          AmdQueryTable.build(
              // listed boot sectors first, as AMD's top-boot parts list them
              List.of(new EraseRegion(0, 8 << 10, 8), new EraseRegion(64 << 10, 64 << 10, 15)),
              64,
              16,
              128,
              256,
              4096,
              AmdQueryTable.TOP_BOOT),
          true,
          true,
          "test");

  record Setup(CfiPart part, int bankWidth, int deviceWidth, ByteOrder order) {
    int interleave() {
      return bankWidth / deviceWidth;
    }

    @Override
    public String toString() {
      return part.name()
          + " "
          + interleave()
          + "x"
          + 8 * deviceWidth
          + " on "
          + 8 * bankWidth
          + "-bit "
          + order;
    }
  }

  static Stream<Setup> setups() {
    List<Setup> setups = new ArrayList<>();
    ByteOrder le = ByteOrder.LITTLE_ENDIAN;
    ByteOrder be = ByteOrder.BIG_ENDIAN;
    for (CfiPart part : List.of(CfiParts.AM29LV160DB, CfiParts.AM29LV160DT, SMALL_TOP_BOOT)) {
      setups.add(new Setup(part, 2, 2, le));
      setups.add(new Setup(part, 4, 2, be));
      if (part.supportsByteMode()) {
        setups.add(new Setup(part, 1, 1, le));
        setups.add(new Setup(part, 2, 1, be));
      }
    }
    return setups.stream();
  }

  final VirtualClock clock = new VirtualClock();
  final List<FlashMedia> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(FlashMedia::close);
  }

  FlashMedia media(Setup setup) {
    try {
      FlashMedia media =
          NorMedia.open(
              MediaSpec.ram("nor1", AmdCfiBank.bankSectors(setup.part(), setup.interleave())));
      opened.add(media);
      return media;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  AmdCfiBank bank(Setup setup, FlashMedia media) {
    return AmdCfiBank.onMedia(
        "nor1", setup.part(), media, setup.deviceWidth(), setup.interleave(), setup.order(), clock);
  }

  AmdCommandSetFlash driver(AmdCfiBank bank, Setup setup) throws Exception {
    var claim = new ClaimableMmioDevice(bank, bank::powerUpReset).claim("driver cfi", 0);
    return new AmdCommandSetFlash(
        claim, CfiProbe.probe(claim, setup.bankWidth(), setup.order(), clock), clock);
  }

  private static byte[] cells(FlashMedia media) {
    byte[] all = new byte[(int) media.size()];
    media.read(0, all, 0, all.length);
    return all;
  }

  @ParameterizedTest
  @MethodSource("setups")
  void probeFindsTheCommandSetTheLayoutAndTheSectorsByAddress(Setup setup) throws Exception {
    FlashMedia media = media(setup);
    AmdCommandSetFlash flash = driver(bank(setup, media), setup);
    CfiQuery query = flash.detail(CfiQuery.class).orElseThrow();
    assertEquals(CfiQuery.COMMAND_SET_AMD_STANDARD, query.primaryCommandSet());
    assertEquals(setup.bankWidth(), query.bankWidth());
    assertEquals(setup.deviceWidth(), query.deviceWidth());
    assertEquals(media.sectors(), flash.geometry().regions(), "regions in address order");
    assertEquals(setup.part().manufacturer(), flash.identity().manufacturerId());
    int id = setup.deviceWidth() == 1 ? setup.part().deviceId() & 0xff : setup.part().deviceId();
    assertEquals(id, flash.identity().deviceId());
    assertTrue(flash.identity().interfaceDescription().contains("AMD"));
    assertEquals(
        setup.part().writeBufferBytes() * setup.interleave(), flash.geometry().writeBufferSize());
  }

  @ParameterizedTest
  @MethodSource("setups")
  void programReadAndEraseAcrossRegionBoundaries(Setup setup) throws Exception {
    FlashMedia media = media(setup);
    AmdCommandSetFlash flash = driver(bank(setup, media), setup);
    Random random = new Random(setup.toString().hashCode());
    List<EraseRegion> regions = flash.geometry().regions();
    for (int i = 1; i < regions.size(); i++) {
      long boundary = regions.get(i).offset();
      byte[] data = new byte[301];
      random.nextBytes(data);
      long at = boundary - 150;
      flash.program(at, data, 0, data.length);
      byte[] back = new byte[data.length];
      flash.read(at, back, 0, back.length);
      assertArrayEquals(data, back, "across 0x" + Long.toHexString(boundary));
      media.read(at, back, 0, back.length);
      assertArrayEquals(data, back, "in the cells");
      // erase the small block on one side: the other keeps its data
      EraseRegion small =
          regions.get(i).blockSize() < regions.get(i - 1).blockSize()
              ? regions.get(i)
              : regions.get(i - 1);
      long block = small == regions.get(i) ? boundary : boundary - small.blockSize();
      flash.erase(block, small.blockSize());
      flash.read(at, back, 0, back.length);
      for (int j = 0; j < back.length; j++) {
        long address = at + j;
        boolean erased = address >= block && address < block + small.blockSize();
        assertEquals(
            erased ? (byte) 0xff : data[j], back[j], "byte at 0x" + Long.toHexString(address));
      }
    }
  }

  @Test
  void badArgumentsChangeNothing() throws Exception {
    Setup setup = new Setup(CfiParts.AM29LV160DB, 2, 2, ByteOrder.LITTLE_ENDIAN);
    FlashMedia media = media(setup);
    AmdCommandSetFlash flash = driver(bank(setup, media), setup);
    flash.program(0x100, new byte[] {1, 2, 3, 4}, 0, 4);
    byte[] before = cells(media);
    assertEquals(
        FlashError.MISALIGNED,
        assertThrows(FlashException.class, () -> flash.erase(0x1000, 0x4000)).error(),
        "not a block boundary");
    assertEquals(
        FlashError.MISALIGNED,
        assertThrows(FlashException.class, () -> flash.erase(0, 0x3000)).error(),
        "the first block is 16 KiB");
    assertThrows(FlashException.class, () -> flash.program(media.size() - 2, new byte[4], 0, 4));
    assertThrows(FlashException.class, () -> flash.read(-1, new byte[4], 0, 4));
    assertArrayEquals(before, cells(media));
  }

  @Test
  void aDynamicallyProtectedSectorRefusesProgramAndEraseUntilUnlocked() throws Exception {
    Setup setup = new Setup(SMALL_TOP_BOOT, 4, 2, ByteOrder.LITTLE_ENDIAN);
    FlashMedia media = media(setup);
    AmdCfiBank bank = bank(setup, media);
    AmdCommandSetFlash flash = driver(bank, setup);
    long block = 2 * (64L << 10) * 2;
    flash.program(block, new byte[] {0x11, 0x22, 0x33, 0x44}, 0, 4);
    flash.lock(block, 2 * (64L << 10));
    assertTrue(flash.isLocked(block));
    assertFalse(flash.isLocked(0));
    byte[] before = cells(media);
    FlashException program =
        assertThrows(FlashException.class, () -> flash.program(block + 8, new byte[8], 0, 8));
    assertEquals(FlashError.PROTECTED, program.error(), program.getMessage());
    FlashException erase =
        assertThrows(FlashException.class, () -> flash.erase(block, 2 * (64L << 10)));
    assertEquals(FlashError.PROTECTED, erase.error(), erase.getMessage());
    assertArrayEquals(before, cells(media), "nothing changed");
    flash.unlock(block, 2 * (64L << 10));
    assertFalse(flash.isLocked(block));
    flash.erase(block, 2 * (64L << 10));
    byte[] back = new byte[4];
    flash.read(block, back, 0, 4);
    assertArrayEquals(new byte[] {-1, -1, -1, -1}, back);
    // dynamic protection is volatile: gone after power-up
    flash.lock(block, 2 * (64L << 10));
    bank.powerUpReset();
    assertFalse(flash.isLocked(block));
  }

  @Test
  void aPersistentlyProtectedSectorStaysProtectedWhenUnlocked() throws Exception {
    Setup setup = new Setup(SMALL_TOP_BOOT, 2, 2, ByteOrder.LITTLE_ENDIAN);
    FlashMedia media = media(setup);
    AmdCfiBank bank = bank(setup, media);
    // set sector 0's PPB by hand: AA 55 C0, A0 00 at the sector, 90 00
    bank.write(2 * 0x555, 2, 0xAA);
    bank.write(2 * 0x2AA, 2, 0x55);
    bank.write(2 * 0x555, 2, 0xC0);
    bank.write(0, 2, 0xA0);
    bank.write(0, 2, 0x00);
    clock.advance(1_000_000);
    bank.write(0, 2, 0x90);
    bank.write(0, 2, 0x00);
    AmdCommandSetFlash flash = driver(bank, setup);
    assertTrue(flash.isLocked(0));
    FlashException e = assertThrows(FlashException.class, () -> flash.unlock(0, 64 << 10));
    assertEquals(FlashError.PROTECTED, e.error());
    assertTrue(e.getMessage().contains("PPB"), e.getMessage());
    bank.powerUpReset();
    assertTrue(flash.isLocked(0), "persistent protection survives power-up");
  }

  @Test
  void aPartWithoutDynamicProtectionSaysSo() throws Exception {
    Setup setup = new Setup(CfiParts.AM29LV160DT, 2, 2, ByteOrder.LITTLE_ENDIAN);
    AmdCommandSetFlash flash = driver(bank(setup, media(setup)), setup);
    assertEquals(
        FlashError.NOT_SUPPORTED,
        assertThrows(FlashException.class, () -> flash.lock(0, 64 << 10)).error());
    assertFalse(flash.isLocked(0));
  }

  @Test
  void failingCellsAreADeviceFaultAndTheNextOperationWorks() throws Exception {
    Setup setup = new Setup(SMALL_TOP_BOOT, 2, 2, ByteOrder.LITTLE_ENDIAN);
    FlashMedia media = media(setup);
    AmdCommandSetFlash flash = driver(bank(setup, media), setup);
    media.faults().apply(FaultPlan.NONE.withProgramFailures(new OperationSchedule.Every(1)));
    FlashException e =
        assertThrows(FlashException.class, () -> flash.program(0, new byte[] {0, 0}, 0, 2));
    assertEquals(FlashError.DEVICE_FAULT, e.error());
    assertTrue(e.getMessage().contains("DQ5"), e.getMessage());
    media.faults().clear();
    flash.erase(0, 64 << 10);
    flash.program(0, new byte[] {0x5a, 0x5a}, 0, 2);
    byte[] back = new byte[2];
    flash.read(0, back, 0, 2);
    assertArrayEquals(new byte[] {0x5a, 0x5a}, back);
  }

  @Test
  void aSequenceHalfIssuedByThePreviousOwnerIsEndedAndABusyEraseWaitedFor() throws Exception {
    Setup setup = new Setup(SMALL_TOP_BOOT, 2, 2, ByteOrder.LITTLE_ENDIAN);
    FlashMedia media = media(setup);
    AmdCfiBank bank = bank(setup, media);
    media.program(0x20000, new byte[] {0, 0}, 0, 2);
    // a previous owner started a sector erase and left a write-to-buffer half loaded elsewhere
    bank.write(2 * 0x555, 2, 0xAA);
    bank.write(2 * 0x2AA, 2, 0x55);
    bank.write(2 * 0x555, 2, 0x80);
    bank.write(2 * 0x555, 2, 0xAA);
    bank.write(2 * 0x2AA, 2, 0x55);
    bank.write(0x20000, 2, 0x30);
    assertTrue(bank.isBusy());
    AmdCommandSetFlash flash = driver(bank, setup);
    assertFalse(bank.isBusy(), "the probe waited the erase out");
    byte[] back = new byte[2];
    flash.read(0x20000, back, 0, 2);
    assertArrayEquals(new byte[] {-1, -1}, back);

    bank.write(2 * 0x555, 2, 0xAA);
    bank.write(2 * 0x2AA, 2, 0x55);
    bank.write(0x40000, 2, 0x25);
    bank.write(0x40000, 2, 3);
    bank.write(0x40000, 2, 0x1234);
    var again = driver(bank, setup);
    again.program(0x40010, new byte[] {1, 2}, 0, 2);
    again.read(0x40000, back, 0, 2);
    assertArrayEquals(new byte[] {-1, -1}, back, "the half-loaded buffer programmed nothing");
  }

  @Test
  void aReadOnlyImageIsRefusedWithNothingChanged() throws Exception {
    Setup setup = new Setup(CfiParts.AM29LV160DB, 2, 2, ByteOrder.LITTLE_ENDIAN);
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("amd");
    java.nio.file.Path file = dir.resolve("ro.img");
    byte[] image = new byte[(int) setup.part().size()];
    Arrays.fill(image, (byte) 0xff);
    image[0] = 0x12;
    java.nio.file.Files.write(file, image);
    FlashMedia media =
        NorMedia.open(
            MediaSpec.forDevice(
                "nor1",
                image.length,
                1,
                setup.part().sectors(),
                file.toString(),
                true,
                false,
                false));
    opened.add(media);
    AmdCommandSetFlash flash = driver(bank(setup, media), setup);
    FlashException e =
        assertThrows(FlashException.class, () -> flash.program(2, new byte[] {0, 0}, 0, 2));
    assertEquals(FlashError.DEVICE_FAULT, e.error());
    assertThrows(FlashException.class, () -> flash.erase(0, 16 << 10));
    assertArrayEquals(image, java.nio.file.Files.readAllBytes(file));
  }

  @Test
  void theS29gl01gsProbesAsItsDatasheetSays() throws Exception {
    Setup setup = new Setup(CfiParts.S29GL01GS, 2, 2, ByteOrder.LITTLE_ENDIAN);
    FlashMedia media = media(setup);
    AmdCommandSetFlash flash = driver(bank(setup, media), setup);
    assertEquals(128L << 20, flash.geometry().size());
    assertEquals(1024, flash.geometry().blockCount());
    assertEquals(512, flash.geometry().writeBufferSize());
    assertTrue(
        flash.identity().interfaceDescription().contains("227e 2228 2201"),
        flash.identity().interfaceDescription());
    byte[] data = new byte[2000];
    new Random(7).nextBytes(data);
    flash.program(0x7ff00, data, 0, data.length);
    byte[] back = new byte[data.length];
    flash.read(0x7ff00, back, 0, back.length);
    assertArrayEquals(data, back);
    flash.lock(0, 128 << 10);
    assertTrue(flash.isLocked(0));
  }
}
