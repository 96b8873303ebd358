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
import org.flashstack.api.fault.FaultKind;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.api.fault.OperationSchedule;
import org.flashstack.api.fault.TearStyle;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioSession;
import org.flashstack.clock.VirtualClock;
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

  final VirtualClock clock = new VirtualClock();

  /** The model with its claims, as the CFI component registers it. */
  record Board(CfiNorFlash model, ClaimableMmioDevice device) {}

  private CfiNorFlash model(Setup setup, ProgramPolicy policy, boolean locked) throws IOException {
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
            MediaSpec.ram("nor0", BLOCK_SIZE * BLOCKS, BLOCK_SIZE).withProgramPolicy(policy)),
        clock);
  }

  private final java.util.Map<CfiNorFlash, ClaimableMmioDevice> devices = new java.util.HashMap<>();

  ClaimableMmioDevice device(CfiNorFlash model) {
    return devices.computeIfAbsent(model, m -> new ClaimableMmioDevice(m, m::powerUpReset));
  }

  /** Attaches as the driver component does: claim, probe, drive. */
  IntelCommandSetFlash driver(CfiNorFlash model, Setup setup) throws Exception {
    var claim = device(model).claim("driver cfi", 0);
    return new IntelCommandSetFlash(
        claim, CfiProbe.probe(claim, setup.bankWidth(), setup.order(), clock), clock);
  }

  private static byte[] cells(CfiNorFlash model) {
    byte[] all = new byte[(int) model.size()];
    model.media().read(0, all, 0, all.length);
    return all;
  }

  @ParameterizedTest
  @MethodSource("setups")
  void probeFindsLayoutGeometryAndIdentity(Setup setup) throws Exception {
    IntelCommandSetFlash flash = driver(model(setup, ProgramPolicy.AND, false), setup);
    CfiQuery query = flash.detail(CfiQuery.class).orElseThrow();
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
    CfiProbe.Result result = CfiProbe.probe(model, 0, setup.order(), clock);
    assertEquals(setup.bankWidth(), result.layout().bankWidth());
    assertEquals(setup.deviceWidth(), result.layout().deviceWidth());
  }

  @ParameterizedTest
  @MethodSource("setups")
  void programAndReadBackAtAnyAlignment(Setup setup) throws Exception {
    CfiNorFlash model = model(setup, ProgramPolicy.REJECT_OVERWRITE, false);
    IntelCommandSetFlash flash = driver(model, setup);
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
    IntelCommandSetFlash flash = driver(model, setup);
    byte[] zeros = new byte[(int) model.size()];
    flash.program(0, zeros, 0, zeros.length);
    flash.erase(BLOCK_SIZE * 2, BLOCK_SIZE * 3);
    byte[] all = cells(model);
    for (int i = 0; i < all.length; i++) {
      boolean erased = i >= 2 * BLOCK_SIZE && i < 5 * BLOCK_SIZE;
      assertEquals(erased ? (byte) 0xff : 0, all[i], "byte " + i);
    }
    flash.erase(0, 0);
    assertArrayEquals(all, cells(model), "an empty erase erases nothing");
    assertTrue(
        clock.now() >= 3 * 1024L * 1_000_000,
        "three block erases took their typical 2^10 ms each on the clock: " + clock.now());
  }

  @ParameterizedTest
  @MethodSource("setups")
  void misalignedOrOutOfRangeRequestsChangeNothing(Setup setup) throws Exception {
    CfiNorFlash model = model(setup, ProgramPolicy.AND, false);
    IntelCommandSetFlash flash = driver(model, setup);
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
  void lockedBlocksAreProtectedUntilExplicitlyUnlocked(Setup setup) throws Exception {
    CfiNorFlash model = model(setup, ProgramPolicy.AND, true);
    byte[] before = cells(model);
    IntelCommandSetFlash flash = driver(model, setup);
    assertTrue(flash.isLocked(0));
    FlashException program =
        assertThrows(FlashException.class, () -> flash.program(0, new byte[] {1}, 0, 1));
    assertEquals(FlashError.PROTECTED, program.error());
    assertTrue(program.getMessage().contains("block 0 is locked"), program.getMessage());
    assertEquals(
        FlashError.PROTECTED,
        assertThrows(FlashException.class, () -> flash.erase(0, BLOCK_SIZE)).error());
    assertArrayEquals(before, cells(model));
    assertTrue(model.isBlockLocked(0), "a refused erase does not unlock");

    flash.unlock(0, 2 * BLOCK_SIZE);
    assertFalse(flash.isLocked(0));
    assertFalse(flash.isLocked(2 * BLOCK_SIZE - 1));
    assertTrue(flash.isLocked(2 * BLOCK_SIZE));
    flash.erase(0, BLOCK_SIZE);
    flash.program(0, new byte[] {1}, 0, 1);
    byte[] one = new byte[1];
    flash.read(0, one, 0, 1);
    assertEquals(1, one[0]);
    assertTrue(model.isBlockLocked(2), "only the unlocked blocks were unlocked");
    flash.lock(0, BLOCK_SIZE);
    assertTrue(flash.isLocked(0));
    assertEquals(
        FlashError.MISALIGNED,
        assertThrows(FlashException.class, () -> flash.unlock(1, BLOCK_SIZE)).error());
  }

  @ParameterizedTest
  @MethodSource("setups")
  void writeProtectionAndProgramErrorsMapToFlashErrors(Setup setup) throws Exception {
    CfiNorFlash model = model(setup, ProgramPolicy.REJECT_OVERWRITE, false);
    IntelCommandSetFlash flash = driver(model, setup);
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
    MmioBus silent = new SilentDevice();
    FlashException e =
        assertThrows(
            FlashException.class, () -> CfiProbe.probe(silent, 0, ByteOrder.LITTLE_ENDIAN, clock));
    assertEquals(FlashError.NOT_SUPPORTED, e.error());
    assertTrue(e.getMessage().contains("no CFI query answer"), e.getMessage());
  }

  static final Setup TWO_X16 = new Setup(4, 2, ByteOrder.LITTLE_ENDIAN, 32);

  @Test
  void aCommandHalfIssuedByThePreviousOwnerNeitherWritesCellsNorReturnsStatusAsData()
      throws Exception {
    for (int command : new int[] {0x40, 0x20, 0xe8, 0x60, 0x70, 0x90, 0x98}) {
      CfiNorFlash model = model(TWO_X16, ProgramPolicy.AND, false);
      byte[] pattern = new byte[64];
      new Random(command).nextBytes(pattern);
      try (var previous = device(model).claim("a replay", 0)) {
        previous.write(0, 4, 0x00400040L);
        previous.write(0, 4, bus32(pattern));
        clock.advance(1_000_000);
        previous.write(0, 4, 0x00ff00ffL);
        previous.write(0x100, 4, ((long) command << 16) | command);
      }
      byte[] before = cells(model);
      IntelCommandSetFlash flash = driver(model, TWO_X16);
      byte[] back = new byte[4];
      flash.read(0, back, 0, 4);
      assertArrayEquals(
          Arrays.copyOf(pattern, 4), back, "command 0x" + Integer.toHexString(command));
      assertArrayEquals(
          before, cells(model), "no cell changed for command 0x" + Integer.toHexString(command));
    }
  }

  private static long bus32(byte[] data) {
    return (data[0] & 0xffL)
        | (data[1] & 0xffL) << 8
        | (data[2] & 0xffL) << 16
        | (data[3] & 0xffL) << 24;
  }

  @Test
  void aPowerCutDuringAProgramIsPowerLostAndTheNextOperationStartsClean() throws Exception {
    CfiNorFlash model = model(TWO_X16, ProgramPolicy.AND, false);
    IntelCommandSetFlash flash = driver(model, TWO_X16);
    model.media().setFaultHook(org.flashstack.api.media.MediaFaultHook.cutAtByte(3, 10));
    byte[] data = new byte[256];
    Arrays.fill(data, (byte) 0x5a);
    FlashException lost =
        assertThrows(FlashException.class, () -> flash.program(0, data, 0, data.length));
    assertEquals(FlashError.POWER_LOST, lost.error());
    assertFalse(device(model).isPowered());
    FlashException off = assertThrows(FlashException.class, () -> flash.read(0, new byte[4], 0, 4));
    assertEquals(FlashError.POWER_LOST, off.error());
    assertTrue(off.getMessage().contains("powered off"), off.getMessage());
    device(model).restore();
    byte[] back = new byte[256];
    flash.read(0, back, 0, back.length);
    assertArrayEquals(
        Arrays.copyOf(data, 3 * 64 + 10),
        Arrays.copyOf(back, 3 * 64 + 10),
        "landed before the cut");
    assertEquals((byte) 0xff, back[3 * 64 + 10], "never landed");
    model.media().setFaultHook(org.flashstack.api.media.MediaFaultHook.NONE);
    flash.program(3 * 64 + 10, data, 0, 256 - (3 * 64 + 10));
    flash.read(0, back, 0, back.length);
    assertArrayEquals(data, back, "the device works again after the power came back");
  }

  @ParameterizedTest
  @MethodSource("setups")
  void failuresOfTheCellsAreDeviceFaultsAndAPlannedPowerCutIsPowerLost(Setup setup)
      throws Exception {
    CfiNorFlash model = model(setup, ProgramPolicy.AND, false);
    IntelCommandSetFlash flash = driver(model, setup);
    byte[] data = new byte[64];
    new Random(5).nextBytes(data);
    data[0] = 0;
    model
        .media()
        .faults()
        .apply(FaultPlan.NONE.withProgramFailures(new OperationSchedule.Every(1)));
    FlashException program =
        assertThrows(FlashException.class, () -> flash.program(0, data, 0, data.length));
    assertEquals(FlashError.DEVICE_FAULT, program.error());
    assertTrue(program.getMessage().contains("SR.4"), program.getMessage());
    model.media().faults().apply(FaultPlan.NONE.withEraseFailures(new OperationSchedule.Every(1)));
    FlashException erase = assertThrows(FlashException.class, () -> flash.erase(0, BLOCK_SIZE));
    assertEquals(FlashError.DEVICE_FAULT, erase.error());
    assertTrue(erase.getMessage().contains("SR.5"), erase.getMessage());
    model.media().faults().clear();
    flash.erase(0, BLOCK_SIZE);
    flash.program(0, data, 0, data.length);
    long next = model.media().operationCount();
    model
        .media()
        .faults()
        .apply(
            FaultPlan.NONE.withPowerCuts(new OperationSchedule.At(next), 0.5, TearStyle.BITWISE));
    FlashException lost =
        assertThrows(FlashException.class, () -> flash.erase(BLOCK_SIZE, BLOCK_SIZE));
    assertEquals(FlashError.POWER_LOST, lost.error());
    assertEquals(1L, model.media().faults().counts().get(FaultKind.POWER_CUT));
    device(model).restore();
    model.media().faults().clear();
    byte[] back = new byte[data.length];
    flash.read(0, back, 0, back.length);
    assertArrayEquals(data, back, "what was acknowledged before the cut is there");
  }

  @Test
  void aDeviceThatStaysBusyTimesOutOnTheClock() throws Exception {
    MmioBus stuck =
        new SilentDevice() {
          private final CfiNorFlash real = model(TWO_X16, ProgramPolicy.AND, false);
          private boolean erasing;

          @Override
          public long read(long offset, int width) {
            return erasing ? 0 : real.read(offset, width);
          }

          @Override
          public void write(long offset, int width, long value) {
            if (value == 0x00d000d0L) {
              erasing = true;
            }
            real.write(offset, width, value);
          }
        };
    ClaimableMmioDevice device = new ClaimableMmioDevice(stuck, () -> {});
    var claim = device.claim("driver", 0);
    IntelCommandSetFlash flash =
        new IntelCommandSetFlash(
            claim, CfiProbe.probe(claim, 4, ByteOrder.LITTLE_ENDIAN, clock), clock);
    long started = clock.now();
    FlashException timeout = assertThrows(FlashException.class, () -> flash.erase(0, BLOCK_SIZE));
    assertEquals(FlashError.TIMEOUT, timeout.error());
    assertTrue(timeout.getMessage().contains("still busy"), timeout.getMessage());
    assertTrue(
        clock.now() - started >= 16L * 1024 * 1_000_000,
        "waited the table's maximum, 2^4 x 2^10 ms");
  }

  /**
   * A poller taken off the processor right after reading "busy" while other threads move the shared
   * clock past both the erase's end and the driver's limit: the erase succeeded, and the driver
   * must say so (found by the partition concurrency test, where it failed one run in four).
   */
  @Test
  void aPollerAwayPastItsLimitJudgesByAStatusReadAfterTheLimit() throws Exception {
    CfiNorFlash real = model(TWO_X16, ProgramPolicy.AND, false);
    long away = 60_000_000_000L;
    MmioBus descheduled =
        new SilentDevice() {
          private boolean erasing;

          @Override
          public long size() {
            return real.size();
          }

          @Override
          public long read(long offset, int width) {
            long value = real.read(offset, width);
            if (erasing && (value & 0x00800080L) != 0x00800080L) {
              erasing = false;
              clock.advance(away);
            }
            return value;
          }

          @Override
          public void write(long offset, int width, long value) {
            if (value == 0x00d000d0L) {
              erasing = true;
            }
            real.write(offset, width, value);
          }

          @Override
          public void readBulk(long offset, byte[] destination, int destinationOffset, int length) {
            real.readBulk(offset, destination, destinationOffset, length);
          }
        };
    ClaimableMmioDevice device = new ClaimableMmioDevice(descheduled, real::powerUpReset);
    var claim = device.claim("driver", 0);
    IntelCommandSetFlash flash =
        new IntelCommandSetFlash(
            claim, CfiProbe.probe(claim, 4, ByteOrder.LITTLE_ENDIAN, clock), clock);
    flash.program(0, new byte[] {0, 0, 0, 0}, 0, 4);
    long started = clock.now();
    flash.erase(0, BLOCK_SIZE);
    assertTrue(clock.now() - started >= away, "the clock went past the limit meanwhile");
    byte[] back = new byte[4];
    flash.read(0, back, 0, 4);
    assertArrayEquals(new byte[] {-1, -1, -1, -1}, back, "the block was erased");
  }

  @Test
  void aDriverWhoseClaimWasReleasedReachesNothing() throws Exception {
    CfiNorFlash model = model(TWO_X16, ProgramPolicy.AND, false);
    IntelCommandSetFlash flash = driver(model, TWO_X16);
    flash.close();
    FlashException gone =
        assertThrows(FlashException.class, () -> flash.program(0, new byte[4], 0, 4));
    assertEquals(FlashError.DEVICE_FAULT, gone.error());
    assertTrue(gone.getMessage().contains("was released"), gone.getMessage());
    assertTrue(device(model).holder().isEmpty());
  }

  @Test
  void nullBuffersAreInvalidArguments() throws Exception {
    IntelCommandSetFlash flash = driver(model(TWO_X16, ProgramPolicy.AND, false), TWO_X16);
    assertEquals(
        FlashError.INVALID_ARGUMENT,
        assertThrows(FlashException.class, () -> flash.read(0, null, 0, 4)).error());
    assertEquals(
        FlashError.INVALID_ARGUMENT,
        assertThrows(FlashException.class, () -> flash.program(0, null, 0, 4)).error());
  }

  /** A window that reads 0 everywhere and ignores writes: no CFI device behind it. */
  private static class SilentDevice implements MmioBus {
    @Override
    public String name() {
      return "silent";
    }

    @Override
    public long size() {
      return 1 << 20;
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
