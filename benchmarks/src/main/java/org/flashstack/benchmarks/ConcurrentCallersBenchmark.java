package org.flashstack.benchmarks;

import java.util.concurrent.TimeUnit;
import org.flashstack.api.flash.Flash;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of 4 KiB reads through one device's virtualized Flash with 8 concurrent callers,
 * against 1 caller in the same run: the device serves one operation at a time, so the figure shows
 * what the queue costs under contention (ideal: the same total throughput).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConcurrentCallersBenchmark {

  private StandaloneVirtualizer virtualizer;
  private Flash flash;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    VirtualClock clock = new VirtualClock();
    Boards.Chip chip = Boards.nor("nor0", clock);
    virtualizer = new StandaloneVirtualizer(10_000);
    virtualizer.addDriver(new CfiFlashDriver("cfi", clock, 0), 0);
    virtualizer.addHardware(chip.device(), chip.properties());
    flash = virtualizer.flash("nor0").orElseThrow();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    virtualizer.close();
  }

  @Benchmark
  @Threads(1)
  public byte[] oneCaller(VirtualizedReadBenchmark.Buffer buffer) throws FlashException {
    flash.read(VirtualizedReadBenchmark.ADDRESS, buffer.bytes, 0, buffer.bytes.length);
    return buffer.bytes;
  }

  @Benchmark
  @Threads(8)
  public byte[] eightCallers(VirtualizedReadBenchmark.Buffer buffer) throws FlashException {
    flash.read(VirtualizedReadBenchmark.ADDRESS, buffer.bytes, 0, buffer.bytes.length);
    return buffer.bytes;
  }
}
