package org.flashstack.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.flash.FlashDevice;
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
 * Full-stack SPI throughput: a 64 KiB read and a 256-byte page program through the SPI NOR driver,
 * the SPI virtualizer, the OpenTitan SPI host driver, the SPI_HOST registers, the chip and the
 * media, against a plain copy of the same number of bytes in the same run (target: reads reach at
 * least 0.10 of the plain copy). The read is measured twice: as the driver does it, with the host's
 * DMA channel on RXDATA for a segment longer than the RX FIFO, and with the CPU draining the FIFO
 * (a host without the channel), which is reported.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SpiStackBenchmark {

  private static final int LENGTH = 65536;
  private static final int PAGE = 256;

  private SpiBoard board;
  private FlashDevice flash;
  private SpiBoard cpuBoard;
  private FlashDevice cpuFlash;
  private byte[] plain;
  private byte[] destination;
  private byte[] zeros;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    board = new SpiBoard("W25Q256JV");
    flash = board.attach();
    byte[] content = new byte[LENGTH];
    new Random(1).nextBytes(content);
    flash.program(0x100000, content, 0, LENGTH);
    cpuBoard = new SpiBoard("W25Q256JV", false);
    cpuFlash = cpuBoard.attach();
    cpuFlash.program(0x100000, content, 0, LENGTH);
    plain = content.clone();
    destination = new byte[LENGTH];
    zeros = new byte[PAGE];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    board.chip.media().close();
    cpuBoard.chip.media().close();
  }

  /** Baseline: copy 64 KiB out of a plain array. */
  @Benchmark
  public byte[] plainStackCopy() {
    System.arraycopy(plain, 0, destination, 0, LENGTH);
    return destination;
  }

  /** Baseline: copy one page out of a plain array. */
  @Benchmark
  public byte[] plainPageCopy() {
    System.arraycopy(plain, 0, destination, 0, PAGE);
    return destination;
  }

  /** 64 KiB read through the whole stack, in the read mode the driver chose (1-4-4). */
  @Benchmark
  public byte[] stackRead() throws Exception {
    flash.read(0x100000, destination, 0, LENGTH);
    return destination;
  }

  /** The same read with the CPU draining the RX FIFO in bursts of RXDATA reads (no DMA channel). */
  @Benchmark
  public byte[] stackReadByCpu() throws Exception {
    cpuFlash.read(0x100000, destination, 0, LENGTH);
    return destination;
  }

  /** One page program of zeros (valid on any cells) through the whole stack, with its checks. */
  @Benchmark
  public byte[] stackPageProgram() throws Exception {
    flash.program(0x200000, zeros, 0, PAGE);
    return zeros;
  }
}
