package org.flashstack.benchmarks;

import java.util.concurrent.TimeUnit;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashException;
import org.flashstack.clock.VirtualClock;
import org.flashstack.driver.cfi.CfiFlashDriver;
import org.flashstack.virtualizer.StandaloneVirtualizer;
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
 * A 4 KiB read through the virtualized {@link Flash} (argument checks, the device's queue, the
 * driver) against the same read on the CFI driver's device directly, on two identical chips in the
 * same run. Target: the virtualizer costs at most 1.2x.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class VirtualizedReadBenchmark {

  static final int LENGTH = 4096;
  static final long ADDRESS = 3 * 256 * 1024;

  private FlashDevice direct;
  private StandaloneVirtualizer virtualizer;
  private Flash virtualized;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    VirtualClock clock = new VirtualClock();
    direct = new CfiFlashDriver("cfi", clock, 0).attach(Boards.hardware(Boards.nor("nor0", clock)));
    Boards.Chip chip = Boards.nor("nor1", clock);
    virtualizer = new StandaloneVirtualizer(10_000);
    virtualizer.addDriver(new CfiFlashDriver("cfi", clock, 0), 0);
    virtualizer.addHardware(chip.device(), chip.properties());
    virtualized = virtualizer.flash("nor1").orElseThrow();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    virtualizer.close();
    direct.close();
  }

  /** Per-thread destination buffer. */
  @State(Scope.Thread)
  public static class Buffer {
    final byte[] bytes = new byte[LENGTH];
  }

  /** Baseline: the driver's device, no queue. */
  @Benchmark
  public byte[] driverDirect(Buffer buffer) throws FlashException {
    direct.read(ADDRESS, buffer.bytes, 0, LENGTH);
    return buffer.bytes;
  }

  /** The virtualized Flash users get. */
  @Benchmark
  public byte[] virtualized(Buffer buffer) throws FlashException {
    virtualized.read(ADDRESS, buffer.bytes, 0, LENGTH);
    return buffer.bytes;
  }
}
