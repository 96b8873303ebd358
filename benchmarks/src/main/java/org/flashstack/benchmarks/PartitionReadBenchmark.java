package org.flashstack.benchmarks;

import java.util.concurrent.TimeUnit;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashException;
import org.flashstack.clock.VirtualClock;
import org.flashstack.driver.cfi.CfiFlashDriver;
import org.flashstack.partitions.Partition;
import org.flashstack.partitions.PartitionAsyncSpiFlash;
import org.flashstack.partitions.PartitionSpec;
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
 * A 4 KiB read through a partition (blocking) and through seed 000's userland AsyncSpiFlash,
 * against the same read on the device's Flash directly, in the same run (target: at most 1.1x).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class PartitionReadBenchmark {

  static final int LENGTH = 4096;
  static final long PARTITION_OFFSET = 2 * 256 * 1024;
  static final long ADDRESS = 256 * 1024;

  private StandaloneVirtualizer virtualizer;
  private Flash flash;
  private Partition partition;
  private PartitionAsyncSpiFlash userland;
  private final byte[] destination = new byte[LENGTH];

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    VirtualClock clock = new VirtualClock();
    Boards.Chip chip = Boards.nor("nor0", clock);
    virtualizer = new StandaloneVirtualizer(10_000);
    virtualizer.addDriver(new CfiFlashDriver("cfi", clock, 0), 0);
    virtualizer.addHardware(chip.device(), chip.properties());
    flash = virtualizer.flash("nor0").orElseThrow();
    partition =
        Partition.open(
            new PartitionSpec("staging", "nor0", PARTITION_OFFSET, 1 << 20, false, 0x80000011L),
            flash);
    userland = new PartitionAsyncSpiFlash(partition);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    virtualizer.close();
  }

  /** Baseline: the same bytes through the device's Flash. */
  @Benchmark
  public byte[] flashDirect() throws FlashException {
    flash.read(PARTITION_OFFSET + ADDRESS, destination, 0, LENGTH);
    return destination;
  }

  /** Through the partition's blocking read. */
  @Benchmark
  public byte[] partitionRead() throws FlashException {
    partition.read(ADDRESS, destination, 0, LENGTH);
    return destination;
  }

  /** Through the userland API, waiting for the future. */
  @Benchmark
  public byte[] asyncSpiFlashRead() {
    userland.read(ADDRESS, destination, 0, LENGTH).join();
    return destination;
  }
}
