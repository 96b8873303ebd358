package org.flashstack.driver.spinor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.flashstack.sfdp.QuadEnableRequirement;
import org.junit.jupiter.api.Test;

/**
 * A chip without usable SFDP: refused by the SFDP driver with what to do, driven from parameters
 * given by hand, through the whole SPI path.
 */
class SpiNorHandPartTest {

  private static final byte[] NO_SFDP = new byte[0];

  private static final ChipPart W25Q128 = ChipCatalog.builtIn().part("W25Q128JV");

  static SpiNorHandPart w25q128(String readMode, int opcode, int wait, QuadEnableRequirement qe) {
    return new SpiNorHandPart(
        "W25Q128 (by hand)",
        new byte[] {(byte) 0xef, 0x40, 0x18},
        16L << 20,
        256,
        List.of(
            new SpiNorParameters.Erase(1, 4096, 0x20, 400_000_000L),
            new SpiNorParameters.Erase(2, 65536, 0xd8, 2_000_000_000L)),
        3,
        SpiNorHandPart.FourByteEntry.B7,
        readMode,
        opcode,
        wait,
        qe,
        3_000_000L,
        200_000_000_000L,
        false);
  }

  private static FlashDevice attach(SpiNorFlashDriverTest.Board board, SpiNorHandPart part)
      throws FlashException {
    SpiNorFlashDriver driver = new SpiNorFlashDriver(board.clock, SpiNorOptions.DEFAULT, part);
    assertEquals("spinor-part", driver.name());
    return driver.attach(board.hardware(board.device));
  }

  private static void roundTrip(FlashDevice flash, long address) throws FlashException {
    byte[] data = new byte[700];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7 + 3);
    }
    flash.erase(address, 4096);
    flash.program(address, data, 0, data.length);
    byte[] back = new byte[data.length];
    flash.read(address, back, 0, back.length);
    assertArrayEquals(data, back);
  }

  @Test
  void theSfdpDriverRefusesAChipWithoutSfdpAndSaysHowToConfigureIt() throws Exception {
    SpiNorFlashDriverTest.Board board = new SpiNorFlashDriverTest.Board(W25Q128, NO_SFDP);
    FlashException e = assertThrows(FlashException.class, board::attach);
    assertEquals(FlashError.NOT_SUPPORTED, e.error());
    assertTrue(
        e.getMessage().contains("has no SFDP (Read SFDP 5Ah returns ff ff ff ff)"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "factory configuration of org.flashstack.driver.spinor.part (jedecId=ef 40 18"),
        e.getMessage());
  }

  @Test
  void aChipWithoutSfdpIsDrivenFromItsHandConfiguredParameters() throws Exception {
    SpiNorFlashDriverTest.Board board = new SpiNorFlashDriverTest.Board(W25Q128, NO_SFDP);
    FlashDevice flash = attach(board, w25q128("1-1-2", 0x3b, 8, null));
    SpiNorParameters parameters = flash.detail(SpiNorParameters.class).orElseThrow();
    assertNull(parameters.sfdp());
    assertEquals("W25Q128 (by hand)", parameters.handPart());
    assertEquals("1-1-2", parameters.read().mode());
    assertEquals(16L << 20, flash.geometry().size());
    assertEquals(4096, flash.geometry().regions().get(0).blockSize());
    assertTrue(parameters.corrections().get(0).contains("parameters configured by hand"));
    assertTrue(flash.identity().interfaceDescription().contains("hand-configured part W25Q128"));
    roundTrip(flash, 0x123000);
    // 64 KiB aligned: the driver uses the 64 KiB type.
    flash.erase(0x200000, 0x20000);
    byte[] erased = new byte[16];
    flash.read(0x21fff0, erased, 0, 16);
    for (byte b : erased) {
      assertEquals((byte) 0xff, b);
    }
    assertEquals(0, board.chip.busConflicts());
  }

  @Test
  void aQuadReadSetsTheQuadEnableBitTheConfiguredWay() throws Exception {
    SpiNorFlashDriverTest.Board board = new SpiNorFlashDriverTest.Board(W25Q128, NO_SFDP);
    FlashDevice flash =
        attach(board, w25q128("1-1-4", 0x6b, 8, QuadEnableRequirement.SR2_BIT1_WRITE_31));
    assertEquals("1-1-4", flash.detail(SpiNorParameters.class).orElseThrow().read().mode());
    roundTrip(flash, 0x40000);
  }

  @Test
  void aQuadReadBeyondTheControllersLanesFallsBackToFastRead() throws Exception {
    SpiNorFlashDriverTest.Board board = new SpiNorFlashDriverTest.Board(W25Q128, NO_SFDP);
    SpiNorFlashDriver driver =
        new SpiNorFlashDriver(
            board.clock,
            new SpiNorOptions(1, true, true),
            w25q128("1-1-4", 0x6b, 8, QuadEnableRequirement.SR2_BIT1_WRITE_31));
    FlashDevice flash = driver.attach(board.hardware(board.device));
    SpiNorParameters parameters = flash.detail(SpiNorParameters.class).orElseThrow();
    assertEquals("1-1-1", parameters.read().mode());
    assertEquals(0x0b, parameters.read().opcode());
    assertTrue(
        parameters.corrections().stream().anyMatch(c -> c.contains("drives at most 1 lanes")),
        parameters.corrections().toString());
    roundTrip(flash, 0);
  }

  @Test
  void aFourByteChipWithoutSfdpEntersFourByteModeAsConfigured() throws Exception {
    ChipPart mx = ChipCatalog.builtIn().part("MX25L25635F");
    SpiNorFlashDriverTest.Board board = new SpiNorFlashDriverTest.Board(mx, NO_SFDP);
    SpiNorHandPart part =
        new SpiNorHandPart(
            "MX25L256 (by hand)",
            new byte[] {(byte) 0xc2, 0x20, 0x19},
            32L << 20,
            256,
            List.of(new SpiNorParameters.Erase(1, 4096, 0x20, 400_000_000L)),
            4,
            SpiNorHandPart.FourByteEntry.B7,
            "1-1-1",
            0x0b,
            8,
            null,
            3_000_000L,
            200_000_000_000L,
            false);
    FlashDevice flash = attach(board, part);
    assertEquals(4, flash.detail(SpiNorParameters.class).orElseThrow().addressBytes());
    roundTrip(flash, (32L << 20) - 4096);
    byte[] low = new byte[4];
    flash.read(0xfff000, low, 0, 4);
    assertArrayEquals(new byte[] {-1, -1, -1, -1}, low, "the 4-byte write did not wrap to 24 bits");
  }

  @Test
  void aChipOfAnotherIdIsNotTakenForTheConfiguredPart() throws Exception {
    SpiNorFlashDriverTest.Board board =
        new SpiNorFlashDriverTest.Board(ChipCatalog.builtIn().part("MX25L25635F"), NO_SFDP);
    FlashException e =
        assertThrows(FlashException.class, () -> attach(board, w25q128("1-1-1", 0x0b, 8, null)));
    assertEquals(FlashError.NOT_SUPPORTED, e.error());
    assertTrue(
        e.getMessage().contains("RDID reads c2 20 19, not the hand-configured part"),
        e.getMessage());
  }

  @Test
  void aSoundSfdpWinsUnlessTheConfigurationOverridesIt() throws Exception {
    SpiNorFlashDriverTest.Board board = new SpiNorFlashDriverTest.Board(W25Q128);
    FlashException e =
        assertThrows(FlashException.class, () -> attach(board, w25q128("1-1-1", 0x0b, 8, null)));
    assertTrue(e.getMessage().contains("has a usable SFDP"), e.getMessage());
    SpiNorHandPart base = w25q128("1-1-2", 0x3b, 8, null);
    SpiNorHandPart override =
        new SpiNorHandPart(
            base.name(),
            base.jedecId(),
            base.size(),
            base.pageSize(),
            base.erases(),
            base.addressBytes(),
            base.fourByteEntry(),
            base.readMode(),
            base.readOpcode(),
            base.readWaitClocks(),
            base.quadEnable(),
            base.programTimeoutNanos(),
            base.chipEraseTimeoutNanos(),
            true);
    FlashDevice flash = attach(board, override);
    SpiNorParameters parameters = flash.detail(SpiNorParameters.class).orElseThrow();
    assertEquals("1-1-2", parameters.read().mode(), "the configured read, not SFDP's quad one");
    assertTrue(parameters.source().contains("over SFDP"), parameters.source());
    roundTrip(flash, 0x8000);
  }

  @Test
  void wrongParametersAreRefusedNamingTheParameter() {
    assertEquals(
        "hand-configured SPI NOR part X: a 32 MiB part needs 4-byte addresses",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new SpiNorHandPart(
                        "X",
                        new byte[] {1, 2, 3},
                        32L << 20,
                        256,
                        List.of(new SpiNorParameters.Erase(1, 4096, 0x20, 1)),
                        3,
                        SpiNorHandPart.FourByteEntry.B7,
                        "1-1-1",
                        0x0b,
                        8,
                        null,
                        1,
                        1,
                        false))
            .getMessage());
    IllegalArgumentException quad =
        assertThrows(IllegalArgumentException.class, () -> w25q128("1-1-4", 0x6b, 8, null));
    assertTrue(quad.getMessage().contains("needs quadEnable"), quad.getMessage());
    IllegalArgumentException mode =
        assertThrows(IllegalArgumentException.class, () -> w25q128("1-8-8", 0x6b, 8, null));
    assertTrue(mode.getMessage().contains("readMode '1-8-8' is not one of"), mode.getMessage());
    IllegalArgumentException erase =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SpiNorHandPart(
                    "Y",
                    new byte[] {1},
                    1 << 20,
                    256,
                    List.of(new SpiNorParameters.Erase(1, 3000, 0x20, 1)),
                    3,
                    SpiNorHandPart.FourByteEntry.B7,
                    "1-1-1",
                    0x0b,
                    8,
                    null,
                    1,
                    1,
                    false));
    assertTrue(erase.getMessage().contains("erase type 20h of 3000 bytes"), erase.getMessage());
  }
}
