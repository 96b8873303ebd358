package org.flashstack.driver.cfi.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.api.mmio.MmioSession;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The driver against the CFI model, through the model's MMIO window only, for every layout the
 * model supports.
 */
class IntelCommandSetFlashTest {

  record Setup(int bankWidth, int deviceWidth, ByteOrder order, int writeBuffer) {
    @Override
    public String toString() {
      return (bankWidth / deviceWidth)
          + "x"
          + 8 * deviceWidth
          + " on "
          + 8 * bankWidth
          + "-bit, "
          + order
          + (writeBuffer == 0 ? ", word program" : ", " + writeBuffer + "-byte buffer");
    }
  }

  static Stream<Setup> setups() {
    List<Setup> setups = new ArrayList<>();
    int[][] widths = {{1, 1}, {2, 1}, {2, 2}, {4, 1}, {4, 2}};
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      for (int[] w : widths) {
        setups.add(new Setup(w[0], w[1], order, 32));
        setups.add(new Setup(w[0], w[1], order, 0));
      }
    }
    return setups.stream();
  }

  static final long BLOCK_SIZE = 8192;
  static final int BLOCKS = 16;

  private static CfiNorFlash model(Setup setup, ProgramPolicy policy, boolean locked)
      throws IOException {
    CfiDeviceParameters parameters =
        new CfiDeviceParameters(
            "nor0",
            setup.bankWidth(),
            setup.deviceWidth(),
            BLOCK_SIZE,
            BLOCKS,
            0x89,
            0x18,
            setup.writeBuffer(),
            setup.order(),
            locked);
    return new CfiNorFlash(
        parameters,
        NorMedia.open(
            MediaSpec.ram("nor0", BLOCK_SIZE * BLOCKS, BLOCK_SIZE).withProgramPolicy(policy)));
  }

  private static IntelCommandSetFlash driver(
      CfiNorFlash model, Setup setup, boolean unlockBeforeErase) throws FlashException {
    return new IntelCommandSetFlash(
        model, CfiProbe.probe(model, setup.bankWidth(), setup.order()), unlockBeforeErase);
  }

  private static byte[] cells(CfiNorFlash model) {
    byte[] all = new byte[(int) model.size()];
    model.media().read(0, all, 0, all.length);
    return all;
  }

  @ParameterizedTest
  @MethodSource("setups")
  void probeFindsLayoutGeometryAndIdentity(Setup setup) throws Exception {
    IntelCommandSetFlash flash = driver(model(setup, ProgramPolicy.AND, false), setup, true);
    CfiQuery query = flash.query();
    assertEquals(setup.bankWidth(), query.bankWidth());
    assertEquals(setup.deviceWidth(), query.deviceWidth());
    assertEquals(CfiQuery.COMMAND_SET_INTEL_EXTENDED, query.primaryCommandSet());
    assertEquals(BLOCK_SIZE * BLOCKS, flash.geometry().size());
    assertEquals(BLOCKS, flash.geometry().blockCount());
    assertEquals(BLOCK_SIZE, flash.geometry().regions().get(0).blockSize());
    assertEquals(setup.bankWidth(), flash.geometry().programUnit());
    assertEquals(
        setup.writeBuffer() * setup.bankWidth() / setup.deviceWidth(),
        flash.geometry().writeBufferSize());
    assertEquals(0x89, flash.identity().manufacturerId());
    assertEquals(0x18, flash.identity().deviceId());
    assertNotNull(query.primaryTable());
    assertEquals('1', query.primaryTable().majorVersion());
  }

  @ParameterizedTest
  @MethodSource("setups")
  void probeWithoutAnnouncedWidthFindsTheSameLayout(Setup setup) throws Exception {
    CfiNorFlash model = model(setup, ProgramPolicy.AND, false);
    CfiProbe.Result result = CfiProbe.probe(model, 0, setup.order());
    assertEquals(setup.bankWidth(), result.layout().bankWidth());
    assertEquals(setup.deviceWidth(), result.layout().deviceWidth());
  }

  @ParameterizedTest
  @MethodSource("setups")
  void programAndReadBackAtAnyAlignment(Setup setup) throws Exception {
    CfiNorFlash model = model(setup, ProgramPolicy.REJECT_OVERWRITE, false);
    IntelCommandSetFlash flash = driver(model, setup, true);
    byte[] data = new byte[3 * 100 + 7];
    new Random(42).nextBytes(data);
    long address = BLOCK_SIZE - 13;
    flash.program(address, data, 0, data.length);
    byte[] back = new byte[data.length];
    flash.read(address, back, 0, back.length);
    assertArrayEquals(data, back);
    byte[] all = cells(model);
    for (int i = 0; i < all.length; i++) {
      if (i < address || i >= address + data.length) {
        assertEquals((byte) 0xff, all[i], "byte " + i + " outside the range stays erased");
      }
    }
    byte[] neighbour = {0x12};
    flash.program(address - 1, neighbour, 0, 1);
    byte[] check = new byte[data.length + 1];
    flash.read(address - 1, check, 0, check.length);
    assertEquals(0x12, check[0]);
    assertArrayEquals(
        data,
        Arrays.copyOfRange(check, 1, check.length),
        "padding with 0xff leaves neighbours alone");
  }

  @ParameterizedTest
  @MethodSource("setups")
  void eraseWholeBlocks(Setup setup) throws Exception {
    CfiNorFlash model = model(setup, ProgramPolicy.AND, false);
    IntelCommandSetFlash flash = driver(model, setup, true);
    byte[] zeros = new byte[(int) model.size()];
    flash.program(0, zeros, 0, zeros.length);
    flash.erase(BLOCK_SIZE * 2, BLOCK_SIZE * 3);
    byte[] all = cells(model);
    for (int i = 0; i < all.length; i++) {
      boolean erased = i >= 2 * BLOCK_SIZE && i < 5 * BLOCK_SIZE;
      assertEquals(erased ? (byte) 0xff : 0, all[i], "byte " + i);
    }
    flash.erase(0, 0);
  }

  @ParameterizedTest
  @MethodSource("setups")
  void misalignedOrOutOfRangeRequestsChangeNothing(Setup setup) throws Exception {
    CfiNorFlash model = model(setup, ProgramPolicy.AND, false);
    IntelCommandSetFlash flash = driver(model, setup, true);
    flash.program(0, new byte[(int) model.size()], 0, (int) model.size());
    byte[] before = cells(model);
    FlashException misaligned =
        assertThrows(FlashException.class, () -> flash.erase(100, BLOCK_SIZE));
    assertEquals(FlashError.MISALIGNED, misaligned.error());
    assertTrue(misaligned.getMessage().contains("inside block 0"), misaligned.getMessage());
    assertEquals(
        FlashError.MISALIGNED,
        assertThrows(FlashException.class, () -> flash.erase(0, BLOCK_SIZE + 1)).error());
    assertEquals(
        FlashError.OUT_OF_RANGE,
        assertThrows(FlashException.class, () -> flash.erase(BLOCK_SIZE * BLOCKS, BLOCK_SIZE))
            .error());
    assertEquals(
        FlashError.OUT_OF_RANGE,
        assertThrows(FlashException.class, () -> flash.program(model.size() - 1, new byte[2], 0, 2))
            .error());
    assertEquals(
        FlashError.OUT_OF_RANGE,
        assertThrows(FlashException.class, () -> flash.read(-1, new byte[2], 0, 2)).error());
    assertEquals(
        FlashError.INVALID_ARGUMENT,
        assertThrows(FlashException.class, () -> flash.program(0, new byte[2], 1, 2)).error());
    assertEquals(
        FlashError.INVALID_ARGUMENT,
        assertThrows(FlashException.class, () -> flash.erase(0, -1)).error());
    assertArrayEquals(before, cells(model));
  }

  @ParameterizedTest
  @MethodSource("setups")
  void lockedBlocksAreProtectedUnlessTheDriverUnlocksBeforeErase(Setup setup) throws Exception {
    CfiNorFlash model = model(setup, ProgramPolicy.AND, true);
    byte[] before = cells(model);
    IntelCommandSetFlash strict = driver(model, setup, false);
    FlashException program =
        assertThrows(FlashException.class, () -> strict.program(0, new byte[] {1}, 0, 1));
    assertEquals(FlashError.PROTECTED, program.error());
    assertTrue(program.getMessage().contains("block 0 is locked"), program.getMessage());
    assertEquals(
        FlashError.PROTECTED,
        assertThrows(FlashException.class, () -> strict.erase(0, BLOCK_SIZE)).error());
    assertArrayEquals(before, cells(model));

    IntelCommandSetFlash unlocking = driver(model, setup, true);
    unlocking.erase(0, BLOCK_SIZE);
    unlocking.program(0, new byte[] {1}, 0, 1);
    byte[] one = new byte[1];
    unlocking.read(0, one, 0, 1);
    assertEquals(1, one[0]);
    assertTrue(model.isBlockLocked(1), "only the erased block was unlocked");
  }

  @ParameterizedTest
  @MethodSource("setups")
  void writeProtectionAndProgramErrorsMapToFlashErrors(Setup setup) throws Exception {
    CfiNorFlash model = model(setup, ProgramPolicy.REJECT_OVERWRITE, false);
    IntelCommandSetFlash flash = driver(model, setup, true);
    flash.program(0, new byte[] {0}, 0, 1);
    FlashException overwrite =
        assertThrows(FlashException.class, () -> flash.program(0, new byte[] {0x7f}, 0, 1));
    assertEquals(FlashError.DEVICE_FAULT, overwrite.error());
    assertTrue(overwrite.getMessage().contains("program error"), overwrite.getMessage());
    model.setProgrammingVoltage(false);
    FlashException vpp = assertThrows(FlashException.class, () -> flash.erase(0, BLOCK_SIZE));
    assertEquals(FlashError.PROTECTED, vpp.error());
    assertTrue(vpp.getMessage().contains("SR.3"), vpp.getMessage());
    model.setProgrammingVoltage(true);
    flash.erase(0, BLOCK_SIZE);
    flash.program(0, new byte[] {0x7f}, 0, 1);
  }

  @Test
  void deviceWithoutCfiIsNotSupported() {
    MmioDevice silent = new SilentDevice();
    FlashException e =
        assertThrows(
            FlashException.class, () -> CfiProbe.probe(silent, 0, ByteOrder.LITTLE_ENDIAN));
    assertEquals(FlashError.NOT_SUPPORTED, e.error());
    assertTrue(e.getMessage().contains("no CFI query answer"), e.getMessage());
  }

  @Test
  void bankWidthPropertyIsReadFromNumbersAndStrings() {
    assertEquals(4, CfiDriverComponent.bankWidth(4));
    assertEquals(2, CfiDriverComponent.bankWidth("2"));
    assertEquals(0, CfiDriverComponent.bankWidth("wide"));
    assertEquals(0, CfiDriverComponent.bankWidth(null));
  }

  /** A window that reads 0 everywhere and ignores writes: no CFI device behind it. */
  private static final class SilentDevice implements MmioDevice {
    @Override
    public String name() {
      return "silent";
    }

    @Override
    public long size() {
      return 1 << 16;
    }

    @Override
    public long read(long offset, int width) {
      if (offset + width > size()) {
        throw new MmioAccessException("outside");
      }
      return 0;
    }

    @Override
    public void write(long offset, int width, long value) {
      if (offset + width > size()) {
        throw new MmioAccessException("outside");
      }
    }

    @Override
    public void readBulk(long offset, byte[] destination, int destinationOffset, int length) {
      Arrays.fill(destination, destinationOffset, destinationOffset + length, (byte) 0);
    }

    @Override
    public <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X {
      return session.run(this);
    }
  }
}
