package org.flashstack.benchmarks;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.cfi.IntelCommandSet;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.cfi.AmdCfiBank;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.flashstack.hw.cfi.CfiPart;
import org.flashstack.hw.cfi.CfiParts;
import org.flashstack.hw.media.NorMedia;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one MMIO access in command mode: a Read Status Register command write, a status read,
 * a query read, against the baseline of one raw 32-bit read of the media in the same run. Target:
 * under 50 ns an access. The same three accesses on the AMD/Fujitsu model (two Am29LV160DB on the
 * same 32-bit bus, each its own state machine): a Reset command write, a DQ6/DQ7 status read while
 * both devices program, a query read; reported against the Intel model's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommandModeAccessBenchmark {

  private static final long READ_STATUS_ON_BOTH_DEVICES =
      ((long) IntelCommandSet.READ_STATUS_REGISTER << 16) | IntelCommandSet.READ_STATUS_REGISTER;
  private static final long READ_QUERY_ON_BOTH_DEVICES =
      ((long) IntelCommandSet.READ_QUERY << 16) | IntelCommandSet.READ_QUERY;

  private static final long AMD_UNLOCK1 = 0x00AA_00AAL;
  private static final long AMD_UNLOCK2 = 0x0055_0055L;
  private static final long AMD_PROGRAM = 0x00A0_00A0L;
  private static final long AMD_RESET = 0x00F0_00F0L;
  private static final long AMD_QUERY = 0x0098_0098L;

  private CfiNorFlash statusDevice;
  private AmdCfiBank amdStatusBank;
  private AmdCfiBank amdQueryBank;
  private FlashMedia amdStatusMedia;
  private FlashMedia amdQueryMedia;
  private CfiNorFlash queryDevice;
  private FlashMedia media;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    CfiDeviceParameters parameters = CfiDeviceParameters.twoX16On32Bit("nor0");
    statusDevice =
        new CfiNorFlash(
            parameters,
            NorMedia.open(MediaSpec.ram("nor0", parameters.size(), parameters.blockSize())));
    statusDevice.write(0, 4, READ_STATUS_ON_BOTH_DEVICES);
    queryDevice =
        new CfiNorFlash(
            parameters,
            NorMedia.open(MediaSpec.ram("nor1", parameters.size(), parameters.blockSize())));
    queryDevice.write(0x55 * 4, 4, READ_QUERY_ON_BOTH_DEVICES);
    media = NorMedia.open(MediaSpec.ram("raw", parameters.size(), parameters.blockSize()));

    // the clock never moves: a program started here stays under way, its status always there
    VirtualClock clock = new VirtualClock();
    CfiPart part = CfiParts.AM29LV160DB;
    amdStatusMedia = NorMedia.open(MediaSpec.ram("nor2", AmdCfiBank.bankSectors(part, 2)));
    amdStatusBank =
        AmdCfiBank.onMedia("nor2", part, amdStatusMedia, 2, 2, ByteOrder.LITTLE_ENDIAN, clock);
    amdStatusBank.write(0x555 * 4, 4, AMD_UNLOCK1);
    amdStatusBank.write(0x2AA * 4, 4, AMD_UNLOCK2);
    amdStatusBank.write(0x555 * 4, 4, AMD_PROGRAM);
    amdStatusBank.write(0x40, 4, 0);
    amdQueryMedia = NorMedia.open(MediaSpec.ram("nor3", AmdCfiBank.bankSectors(part, 2)));
    amdQueryBank =
        AmdCfiBank.onMedia("nor3", part, amdQueryMedia, 2, 2, ByteOrder.LITTLE_ENDIAN, clock);
    amdQueryBank.write(0x55 * 4, 4, AMD_QUERY);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    statusDevice.media().close();
    queryDevice.media().close();
    media.close();
    amdStatusMedia.close();
    amdQueryMedia.close();
  }

  /** Baseline: one 32-bit read straight from the cells, no device model in between. */
  @Benchmark
  public long rawMediaRead() {
    return media.readValue(0x40, 4, ByteOrder.LITTLE_ENDIAN);
  }

  /** A status register read in Read Status mode. */
  @Benchmark
  public long statusRead() {
    return statusDevice.read(0x40, 4);
  }

  /** A CFI query read in Read Query mode. */
  @Benchmark
  public long queryRead() {
    return queryDevice.read(0x10 * 4, 4);
  }

  /** A command write (Read Status Register) through the write state machine. */
  @Benchmark
  public void commandWrite() {
    statusDevice.write(0, 4, READ_STATUS_ON_BOTH_DEVICES);
  }

  /** AMD: a data-polling status read (DQ7, DQ6 toggling) while both devices program. */
  @Benchmark
  public long amdStatusRead() {
    return amdStatusBank.read(0x40, 4);
  }

  /** AMD: a CFI query read in query mode. */
  @Benchmark
  public long amdQueryRead() {
    return amdQueryBank.read(0x10 * 4, 4);
  }

  /** AMD: a command write (Reset) through both devices' state machines. */
  @Benchmark
  public void amdCommandWrite() {
    amdQueryBank.write(0, 4, AMD_RESET);
    amdQueryBank.write(0x55 * 4, 4, AMD_QUERY);
  }
}
