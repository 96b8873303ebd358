package org.flashstack.driver.cfi.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.flashstack.hw.cfi.CfiPart;
import org.flashstack.hw.cfi.CfiParts;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Intel driver against the Intel preset parts, alone and two on a bus, either byte order. */
class IntelPresetPartsTest {

  record Setup(CfiPart part, int interleave, ByteOrder order) {
    @Override
    public String toString() {
      return part.name() + " x" + interleave + " " + order;
    }
  }

  static Stream<Setup> setups() {
    List<Setup> setups = new ArrayList<>();
    for (CfiPart part : List.of(CfiParts.I28F320J3, CfiParts.I28F320C3B, CfiParts.I28F320C3T)) {
      setups.add(new Setup(part, 1, ByteOrder.LITTLE_ENDIAN));
      setups.add(new Setup(part, 2, ByteOrder.BIG_ENDIAN));
    }
    return setups.stream();
  }

  final VirtualClock clock = new VirtualClock();

  /** The Intel driver on a bank of {@code setup}'s devices over {@code media}, probed. */
  private IntelCommandSetFlash driver(Setup setup, FlashMedia media) throws Exception {
    CfiNorFlash bank =
        CfiNorFlash.onMedia(
            "nor0", setup.part(), media, 2, setup.interleave(), setup.order(), clock);
    var claim = new ClaimableMmioDevice(bank, bank::powerUpReset).claim("driver cfi", 0);
    return new IntelCommandSetFlash(
        claim, CfiProbe.probe(claim, 2 * setup.interleave(), setup.order(), clock), clock);
  }

  @ParameterizedTest
  @MethodSource("setups")
  void probeProgramEraseAndLocksOnEveryRegion(Setup setup) throws Exception {
    try (FlashMedia media =
        NorMedia.open(MediaSpec.ram("nor0", setup.part().bankSectors(setup.interleave())))) {
      IntelCommandSetFlash flash = driver(setup, media);
      CfiQuery query = flash.detail(CfiQuery.class).orElseThrow();
      assertEquals(setup.part().commandSet(), query.primaryCommandSet());
      assertEquals(media.sectors(), flash.geometry().regions());
      assertEquals(setup.part().deviceId(), flash.identity().deviceId());
      byte[] data = new byte[600];
      new Random(setup.hashCode()).nextBytes(data);
      if (setup.part().lockedAtPowerUp()) {
        FlashException locked =
            assertThrows(FlashException.class, () -> flash.program(0, data, 0, 16));
        assertEquals(FlashError.PROTECTED, locked.error());
        flash.unlock(0, flash.geometry().size());
      }
      List<EraseRegion> regions = flash.geometry().regions();
      long boundary = regions.size() > 1 ? regions.get(1).offset() : 3 * regions.get(0).blockSize();
      long at = boundary - 300;
      flash.program(at, data, 0, data.length);
      byte[] back = new byte[data.length];
      flash.read(at, back, 0, back.length);
      assertArrayEquals(data, back);
      long small =
          Math.min(flash.geometry().blockSizeAt(at), flash.geometry().blockSizeAt(boundary));
      long block = flash.geometry().blockSizeAt(boundary) == small ? boundary : boundary - small;
      flash.erase(block, small);
      flash.read(at, back, 0, back.length);
      for (int i = 0; i < back.length; i++) {
        boolean erased = at + i >= block && at + i < block + small;
        assertEquals(erased ? (byte) -1 : data[i], back[i], "byte " + (at + i));
      }
      flash.lock(block, small);
      assertTrue(flash.isLocked(block));
      assertEquals(
          FlashError.PROTECTED,
          assertThrows(FlashException.class, () -> flash.erase(block, small)).error());
      assertEquals(1, media.eraseCount(flash.geometry().blockIndex(block)), "one bank erase");
    }
  }

  @ParameterizedTest
  @MethodSource("j3Setups")
  void anUnlockOnTheJ3LeavesEveryOtherLockedBlockLocked(Setup setup) throws Exception {
    try (FlashMedia media =
        NorMedia.open(MediaSpec.ram("nor0", setup.part().bankSectors(setup.interleave())))) {
      IntelCommandSetFlash flash = driver(setup, media);
      long block = flash.geometry().blockSizeAt(0);
      flash.lock(0, block);
      flash.lock(2 * block, 2 * block);
      flash.lock(7 * block, block);
      // the part clears every lock bit at once: the driver sets the others' again
      flash.unlock(2 * block, block);
      for (int i = 0; i < 10; i++) {
        boolean locked = i == 0 || i == 3 || i == 7;
        assertEquals(locked, flash.isLocked(i * block), "block " + i);
      }
      byte[] data = {1, 2, 3, 4};
      flash.program(2 * block, data, 0, data.length);
      assertEquals(
          FlashError.PROTECTED,
          assertThrows(FlashException.class, () -> flash.program(3 * block, data, 0, 4)).error());
      flash.unlock(0, flash.geometry().size());
      for (int i = 0; i < 10; i++) {
        assertFalse(flash.isLocked(i * block), "block " + i);
      }
    }
  }

  static Stream<Setup> j3Setups() {
    return Stream.of(
        new Setup(CfiParts.I28F320J3, 1, ByteOrder.LITTLE_ENDIAN),
        new Setup(CfiParts.I28F320J3, 2, ByteOrder.BIG_ENDIAN));
  }
}
