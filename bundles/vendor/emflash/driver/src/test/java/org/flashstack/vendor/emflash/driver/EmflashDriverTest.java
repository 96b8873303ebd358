package org.flashstack.vendor.emflash.driver;

import static org.flashstack.vendor.emflash.registers.EmflashRegisters.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioClaim;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.vendor.emflash.hw.EmflashController;
import org.junit.jupiter.api.Test;

/** The emflash model's rules (RM0090's) and the driver's use of them. */
class EmflashDriverTest {

  private final VirtualClock clock = new VirtualClock();

  private EmflashController controller(int optionBytes) throws Exception {
    return new EmflashController(
        "eflash0", NorMedia.open(MediaSpec.ram("eflash0", sectors(1024))), clock, optionBytes);
  }

  private FlashDevice attach(EmflashController controller) throws FlashException {
    ClaimableMmioDevice device = new ClaimableMmioDevice(controller, controller::powerUpReset);
    return new EmflashFlashDriver("emflash", clock, 0)
        .attach(
            new FlashHardware() {
              @Override
              public String name() {
                return "eflash0";
              }

              @Override
              public Map<String, Object> properties() {
                return Map.of(DeviceProperties.COMPATIBLE, EmflashFlashDriver.COMPATIBLE);
              }

              @Override
              public <T> Optional<T> as(Class<T> type) {
                return type.isInstance(device) ? Optional.of(type.cast(device)) : Optional.empty();
              }
            });
  }

  @Test
  void theDriverLearnsThePartFromItsRegisters() throws Exception {
    FlashDevice flash = attach(controller(OPTCR_RESET));
    assertEquals(1 << 20, flash.geometry().size());
    assertEquals(12, flash.geometry().blockCount());
    assertEquals(16 << 10, flash.geometry().blockSizeAt(0));
    assertEquals(64 << 10, flash.geometry().blockSizeAt(64 << 10));
    assertEquals(128 << 10, flash.geometry().blockSizeAt(1 << 19));
    assertEquals(DEV_ID_F40X, flash.identity().deviceId());
    assertEquals(0x20, flash.identity().manufacturerId());
  }

  @Test
  void programAndEraseTakeTheDatasheetTimesOnTheClock() throws Exception {
    EmflashController controller = controller(OPTCR_RESET);
    FlashDevice flash = attach(controller);
    long start = clock.now();
    flash.erase(128 << 10, 128 << 10);
    assertTrue(clock.now() - start >= EmflashController.ERASE_128K_NANOS, "a 128 KiB sector erase");
    byte[] data = {1, 2, 3, 4, 5, 6, 7};
    start = clock.now();
    flash.program((128 << 10) + 1, data, 0, data.length);
    assertEquals(
        4 * EmflashController.WORD_PROGRAM_NANOS,
        clock.now() - start,
        "3 single bytes at the edges and one word");
    byte[] back = new byte[9];
    flash.read(128 << 10, back, 0, back.length);
    assertArrayEquals(new byte[] {-1, 1, 2, 3, 4, 5, 6, 7, -1}, back);
    assertTrue(controller.counters().startsWith("programs 4, erases 1"), controller.counters());
  }

  @Test
  void writeProtectedSectorsAreRefusedAndLocksAreTheOptionBytes() throws Exception {
    EmflashController controller =
        controller(OPTCR_RESET & ~OPTCR_OPTLOCK & ~(1 << (OPTCR_NWRP_SHIFT + 1)));
    FlashDevice flash = attach(controller);
    assertTrue(flash.isLocked(16 << 10));
    assertFalse(flash.isLocked(0));
    FlashException erase =
        assertThrows(FlashException.class, () -> flash.erase(16 << 10, 16 << 10));
    assertEquals(FlashError.PROTECTED, erase.error());
    assertTrue(erase.getMessage().contains("sector 1 is write protected"), erase.getMessage());
    FlashException program =
        assertThrows(FlashException.class, () -> flash.program(16 << 10, new byte[4], 0, 4));
    assertEquals(FlashError.PROTECTED, program.error());
    byte[] cells = new byte[16 << 10];
    flash.read(16 << 10, cells, 0, cells.length);
    byte[] erased = new byte[cells.length];
    Arrays.fill(erased, (byte) 0xff);
    assertArrayEquals(erased, cells, "nothing was written");
    flash.unlock(16 << 10, 16 << 10);
    assertFalse(controller.isWriteProtected(1));
    flash.program(16 << 10, new byte[4], 0, 4);
    flash.lock(0, 32 << 10);
    assertTrue(controller.isWriteProtected(0) && controller.isWriteProtected(1));
    controller.powerUpReset();
    assertTrue(controller.isWriteProtected(0), "the option bytes are non-volatile");
  }

  @Test
  void theModelRefusesWhatTheReferenceManualRefuses() throws Exception {
    EmflashController controller = controller(OPTCR_RESET);
    ClaimableMmioDevice device = new ClaimableMmioDevice(controller, controller::powerUpReset);
    try (MmioClaim bus = device.claim("test", 0)) {
      bus.write(ARRAY_BASE, 4, 0);
      assertEquals(
          SR_PGSERR, bus.read(FLASH_SR, 4) & SR_ERRORS, "program while FLASH_CR is locked");
      bus.write(FLASH_SR, 4, SR_ERRORS);
      bus.write(FLASH_KEYR, 4, KEY1);
      bus.write(FLASH_KEYR, 4, KEY2 & 0xffff_ffffL);
      assertEquals(0, bus.read(FLASH_CR, 4) & (CR_LOCK & 0xffff_ffffL), "unlocked");
      bus.write(FLASH_CR, 4, CR_PG | (PSIZE_X32 << CR_PSIZE_SHIFT));
      bus.write(ARRAY_BASE + 2, 2, 0);
      assertEquals(SR_PGPERR, bus.read(FLASH_SR, 4) & SR_ERRORS, "a 16-bit write at PSIZE x32");
      bus.write(FLASH_SR, 4, SR_ERRORS);
      bus.write(FLASH_CR, 4, CR_PG | (PSIZE_X16 << CR_PSIZE_SHIFT));
      bus.write(ARRAY_BASE + 1, 2, 0);
      assertEquals(SR_PGAERR, bus.read(FLASH_SR, 4) & SR_ERRORS, "misaligned");
      bus.write(FLASH_SR, 4, SR_ERRORS);
      bus.write(FLASH_CR, 4, CR_SER | CR_MER | CR_STRT);
      assertEquals(SR_PGSERR, bus.read(FLASH_SR, 4) & SR_ERRORS, "SER and MER together");
      byte[] cell = new byte[4];
      bus.readBulk(ARRAY_BASE, cell, 0, 4);
      assertArrayEquals(new byte[] {-1, -1, -1, -1}, cell, "no refused write changed a cell");
      bus.write(FLASH_CR, 4, CR_LOCK & 0xffff_ffffL);
      bus.write(FLASH_KEYR, 4, 0x1234);
    } catch (MmioAccessException wrongKey) {
      assertTrue(wrongKey.getMessage().contains("locked until reset"), wrongKey.getMessage());
    }
    try (MmioClaim bus = device.claim("test", 0)) {
      assertThrows(MmioAccessException.class, () -> bus.write(FLASH_KEYR, 4, KEY1));
      assertThrows(MmioAccessException.class, () -> bus.read(0x2000_0000L, 4), "nothing there");
    }
    controller.powerUpReset();
    assertEquals(DEV_ID_F40X, attach(controller).identity().deviceId(), "a reset ends the lock-up");
  }
}
