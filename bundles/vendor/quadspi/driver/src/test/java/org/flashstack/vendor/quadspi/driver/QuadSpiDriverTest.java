package org.flashstack.vendor.quadspi.driver;

import static org.flashstack.vendor.quadspi.registers.QuadSpiRegisters.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioClaim;
import org.flashstack.clock.VirtualClock;
import org.junit.jupiter.api.Test;

/** The quadspi controller model's rules and the driver's use of them. */
class QuadSpiDriverTest {

  private final VirtualClock clock = new VirtualClock();

  private FlashDevice attach(QuadSpiBoard board) throws FlashException {
    return new QuadSpiFlashDriver("quadspi", clock, 0)
        .attach(
            new FlashHardware() {
              @Override
              public String name() {
                return "qflash0";
              }

              @Override
              public Map<String, Object> properties() {
                return board.properties();
              }

              @Override
              public <T> Optional<T> as(Class<T> type) {
                return type.isInstance(board.device)
                    ? Optional.of(type.cast(board.device))
                    : Optional.empty();
              }
            });
  }

  @Test
  void theDriverLearnsTheChipThroughTheController() throws Exception {
    FlashDevice w25 = attach(new QuadSpiBoard("W25Q128JV", clock));
    assertEquals(16 << 20, w25.geometry().size());
    assertEquals(0xef, w25.identity().manufacturerId());
    assertEquals(0x4018, w25.identity().deviceId());
    assertTrue(w25.identity().interfaceDescription().contains("3-byte addresses"));
    FlashDevice mx = attach(new QuadSpiBoard("MX25L25635F", clock));
    assertEquals(32 << 20, mx.geometry().size());
    assertTrue(mx.identity().interfaceDescription().contains("4-byte addresses"));
  }

  @Test
  void programEraseAndReadAboveSixteenMibInPlace() throws Exception {
    QuadSpiBoard board = new QuadSpiBoard("W25Q256JV", clock);
    FlashDevice flash = attach(board);
    long high = (24L << 20) + 250;
    flash.erase(24L << 20, 4096);
    byte[] data = new byte[300];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    flash.program(high, data, 0, data.length);
    byte[] back = new byte[data.length];
    flash.read(high, back, 0, back.length);
    assertArrayEquals(data, back, "across a page boundary, above 16 MiB");
    byte[] cells = new byte[data.length];
    board.chip.media().read(high, cells, 0, cells.length);
    assertArrayEquals(data, cells, "the chip's own cells, not a low mirror");
    assertTrue(board.controller.counters().startsWith("commands "), board.controller.counters());
  }

  @Test
  void theControllerRefusesWhatTheManualRefuses() throws Exception {
    QuadSpiBoard board = new QuadSpiBoard("W25Q128JV", clock);
    try (MmioClaim bus = board.device.claim("test", 0)) {
      assertThrows(
          MmioAccessException.class,
          () -> bus.read(WINDOW_BASE, 4),
          "the window reads only in memory-mapped mode");
      bus.write(QUADSPI_CR, 4, CR_EN);
      bus.write(QUADSPI_DCR, 4, 23L << DCR_FSIZE_SHIFT);
      bus.write(
          QUADSPI_CCR,
          4,
          ccr(0x0b, MODE_SINGLE, MODE_SINGLE, 3, 8, MODE_SINGLE, FMODE_MEMORY_MAPPED));
      assertEquals(0xffff_ffffL, bus.read(WINDOW_BASE, 4), "an erased chip reads ff");
      MmioAccessException past =
          assertThrows(MmioAccessException.class, () -> bus.read(WINDOW_BASE + (16 << 20), 4));
      assertTrue(past.getMessage().contains("past the flash size"), past.getMessage());
      assertEquals(SR_TEF, bus.read(QUADSPI_SR, 4) & SR_TEF);
      bus.write(QUADSPI_FCR, 4, FCR_CTEF);
      bus.write(QUADSPI_CR, 4, CR_EN | CR_FSEL);
      bus.write(QUADSPI_DLR, 4, 2);
      bus.write(
          QUADSPI_CCR,
          4,
          ccr(0x9f, MODE_SINGLE, MODE_NONE, 0, 0, MODE_SINGLE, FMODE_INDIRECT_READ));
      assertEquals(SR_TEF, bus.read(QUADSPI_SR, 4) & SR_TEF, "no chip on flash 2");
    }
  }

  @Test
  void aControllerWithNoChipIsNotSupported() throws Exception {
    QuadSpiBoard board = new QuadSpiBoard("W25Q128JV", clock);
    org.flashstack.vendor.quadspi.hw.QuadSpiController empty =
        new org.flashstack.vendor.quadspi.hw.QuadSpiController("qflash0", select -> null);
    org.flashstack.api.mmio.ClaimableMmioDevice device =
        new org.flashstack.api.mmio.ClaimableMmioDevice(empty, empty::reset);
    FlashException refused =
        assertThrows(
            FlashException.class,
            () ->
                new QuadSpiFlashDriver("quadspi", clock, 0)
                    .attach(
                        new FlashHardware() {
                          @Override
                          public String name() {
                            return "qflash0";
                          }

                          @Override
                          public Map<String, Object> properties() {
                            return board.properties();
                          }

                          @Override
                          public <T> Optional<T> as(Class<T> type) {
                            return type.isInstance(device)
                                ? Optional.of(type.cast(device))
                                : Optional.empty();
                          }
                        }));
    assertEquals(FlashError.DEVICE_FAULT, refused.error());
    assertTrue(device.holder().isEmpty(), "the claim was released");
  }
}
