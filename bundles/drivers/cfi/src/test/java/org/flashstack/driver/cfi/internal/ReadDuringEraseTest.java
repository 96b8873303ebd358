package org.flashstack.driver.cfi.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.cfi.AmdCfiBank;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.flashstack.hw.cfi.CfiParts;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;

/**
 * A read that arrives while another caller's erase runs is served with the erase suspended, on both
 * command sets: the erase is still under way when the read returns.
 */
class ReadDuringEraseTest {

  /** The devices' clock, whose pauses wait for the test to let each one through. */
  static final class SteppedClock implements EmulatedClock {
    final VirtualClock time = new VirtualClock();
    final Semaphore steps = new Semaphore(0);
    volatile boolean freeRunning;

    @Override
    public long now() {
      return time.now();
    }

    @Override
    public void pause(long nanos) {
      if (!freeRunning) {
        steps.acquireUninterruptibly();
      }
      time.pause(nanos);
    }

    @Override
    public void wakeAt(long instant) {
      time.wakeAt(instant);
    }

    @Override
    public void advance(long nanos) {
      time.advance(nanos);
    }

    @Override
    public String mode() {
      return time.mode();
    }
  }

  private static void readWhileErasing(
      SteppedClock clock,
      CommandSetFlash flash,
      FlashMedia media,
      MmioBus bank,
      long block,
      long other)
      throws Exception {
    media.program(other, new byte[] {0x12, 0x34, 0x56, 0x78}, 0, 4);
    media.program(block, new byte[] {0, 0, 0, 0}, 0, 4);
    CompletableFuture<Void> erase =
        CompletableFuture.runAsync(
            () -> {
              try {
                flash.erase(block, flash.geometry().blockSizeAt(block));
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    // the eraser is in its poll loop, waiting in a pause
    while (!clock.steps.hasQueuedThreads()) {
      Thread.onSpinWait();
    }
    byte[] read = new byte[4];
    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(
            () -> {
              try {
                flash.read(other, read, 0, 4);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    while (flash.readsWaitingForErase() == 0) {
      Thread.onSpinWait();
    }
    clock.steps.release(); // one poll: the eraser serves the read with the erase suspended
    reader.get(10, TimeUnit.SECONDS);
    assertArrayEquals(new byte[] {0x12, 0x34, 0x56, 0x78}, read);
    assertFalse(erase.isDone(), "the erase is still under way");
    clock.freeRunning = true;
    clock.steps.release(1000);
    erase.get(10, TimeUnit.SECONDS);
    byte[] erased = new byte[4];
    flash.read(block, erased, 0, 4);
    assertArrayEquals(new byte[] {-1, -1, -1, -1}, erased, "and it finished after the resume");
  }

  @Test
  void intelSuspendsAnEraseForARead() throws Exception {
    SteppedClock clock = new SteppedClock();
    try (FlashMedia media =
        NorMedia.open(MediaSpec.ram("nor0", CfiParts.I28F320J3.bankSectors(2)))) {
      CfiNorFlash bank =
          CfiNorFlash.onMedia(
              "nor0", CfiParts.I28F320J3, media, 2, 2, ByteOrder.LITTLE_ENDIAN, clock);
      clock.freeRunning = true;
      FlashDevice device = attach(bank, clock, 4);
      clock.freeRunning = false;
      readWhileErasing(clock, (CommandSetFlash) device, media, bank, 0x40000, 0x100);
    }
  }

  @Test
  void amdSuspendsAnEraseForARead() throws Exception {
    SteppedClock clock = new SteppedClock();
    try (FlashMedia media =
        NorMedia.open(MediaSpec.ram("nor1", CfiParts.AM29LV160DB.bankSectors(1)))) {
      AmdCfiBank bank =
          AmdCfiBank.onMedia(
              "nor1", CfiParts.AM29LV160DB, media, 2, 1, ByteOrder.LITTLE_ENDIAN, clock);
      clock.freeRunning = true;
      FlashDevice device = attach(bank, clock, 2);
      clock.freeRunning = false;
      readWhileErasing(clock, (CommandSetFlash) device, media, bank, 0x20000, 0x100);
    }
  }

  private static FlashDevice attach(MmioBus bank, EmulatedClock clock, int width) throws Exception {
    Runnable powerUp =
        bank instanceof CfiNorFlash intel ? intel::powerUpReset : ((AmdCfiBank) bank)::powerUpReset;
    var claim = new ClaimableMmioDevice(bank, powerUp).claim("driver cfi", 0);
    return CfiDeviceDriver.attach(claim, width, ByteOrder.LITTLE_ENDIAN, clock);
  }
}
