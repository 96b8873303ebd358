package org.flashstack.benchmarks;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.cfi.IntelCommandSet;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.cfi.CfiNorFlash;
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
 * under 50 ns an access.
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

  private CfiNorFlash statusDevice;
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
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    statusDevice.media().close();
    queryDevice.media().close();
    media.close();
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
}
