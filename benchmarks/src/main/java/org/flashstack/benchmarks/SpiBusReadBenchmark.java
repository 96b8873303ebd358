package org.flashstack.benchmarks;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.flashstack.hw.spinor.SfdpTableBuilder;
import org.flashstack.hw.spinor.SpiNorChip;
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
 * A 64 KiB fast read (0Bh, and the 1-4-4 quad read EBh) of a W25Q128JV through the SPI bus seam, as
 * a controller model clocks it (select, instruction and address, dummy clocks, one receive of 64
 * KiB, deselect), against a plain copy of the same media bytes in the same run; and the cost of one
 * short command, a Read Status Register (05h) transaction. Target: the fast read reaches at least
 * 0.5 of the plain copy's throughput.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SpiBusReadBenchmark {

  private static final int LENGTH = 65536;
  private static final long OFFSET = 0x40000;

  private SpiNorChip chip;
  private byte[] plain;
  private byte[] destination;
  private final byte[] fastRead = {0x0b, 0x04, 0x00, 0x00};
  private final byte[] quadInstruction = {(byte) 0xeb};
  private final byte[] quadAddress = {0x04, 0x00, 0x00};
  private final byte[] readStatus = {0x05};
  private final byte[] status = new byte[1];

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    ChipPart part = ChipCatalog.builtIn().part("W25Q128JV");
    FlashMedia media = NorMedia.open(MediaSpec.ram("flash0", part.size(), part.smallestErase()));
    byte[] content = new byte[LENGTH];
    new Random(1).nextBytes(content);
    media.program(OFFSET, content, 0, LENGTH);
    chip = new SpiNorChip("flash0", part, media, null, SfdpTableBuilder.sfdpOf(part));
    chip.select();
    chip.transmit(new byte[] {0x06}, 0, 1, SpiLanes.SINGLE);
    chip.deselect();
    chip.select();
    chip.transmit(new byte[] {0x31, 0x02}, 0, 2, SpiLanes.SINGLE);
    chip.deselect();
    plain = new byte[(int) part.size()];
    media.read(0, plain, 0, plain.length);
    destination = new byte[LENGTH];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    chip.media().close();
  }

  /** Baseline: copy the same bytes out of a plain array. */
  @Benchmark
  public byte[] plainCopy() {
    System.arraycopy(plain, (int) OFFSET, destination, 0, LENGTH);
    return destination;
  }

  /** FAST_READ (0Bh), 1-1-1 with 8 dummy clocks, 64 KiB in one receive. */
  @Benchmark
  public byte[] fastRead() {
    chip.select();
    chip.transmit(fastRead, 0, fastRead.length, SpiLanes.SINGLE);
    chip.dummy(8);
    chip.receive(destination, 0, LENGTH, SpiLanes.SINGLE);
    chip.deselect();
    return destination;
  }

  /** Fast Read Quad I/O (EBh), 1-4-4 with 2 mode and 4 dummy clocks, 64 KiB in one receive. */
  @Benchmark
  public byte[] quadRead() {
    chip.select();
    chip.transmit(quadInstruction, 0, 1, SpiLanes.SINGLE);
    chip.transmit(quadAddress, 0, quadAddress.length, SpiLanes.QUAD);
    chip.dummy(6);
    chip.receive(destination, 0, LENGTH, SpiLanes.QUAD);
    chip.deselect();
    return destination;
  }

  /** One Read Status Register (05h) transaction: the cost of a short command. */
  @Benchmark
  public byte[] readStatusRegister() {
    chip.select();
    chip.transmit(readStatus, 0, 1, SpiLanes.SINGLE);
    chip.receive(status, 0, 1, SpiLanes.SINGLE);
    chip.deselect();
    return status;
  }
}
