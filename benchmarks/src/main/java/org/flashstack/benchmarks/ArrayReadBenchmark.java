package org.flashstack.benchmarks;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flashstack.api.cfi.IntelCommandSet;
import org.flashstack.api.media.BackingMode;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.ProgramPolicy;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A bulk read of a file-backed CFI device in Read Array mode (the ROMD-style fast path) against a
 * plain copy of the same file bytes from a mapping of the image, in the same run. Target: the model
 * reaches at least 0.8 of the plain copy's throughput.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ArrayReadBenchmark {

  @Param({"4096", "65536"})
  public int length;

  private Path directory;
  private CfiNorFlash device;
  private FileChannel plainChannel;
  private MappedByteBuffer plainMapping;
  private byte[] destination;
  private long offset;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("flashstack-bench");
    Path image = directory.resolve("nor0.img");
    CfiDeviceParameters parameters = CfiDeviceParameters.twoX16On32Bit("nor0");
    FlashMedia media =
        NorMedia.open(
            new MediaSpec(
                "nor0",
                parameters.size(),
                parameters.blockSize(),
                java.util.List.of(),
                0xff,
                BackingMode.FILE,
                image,
                true,
                ProgramPolicy.AND));
    device = new CfiNorFlash(parameters, media);
    device.write(0, 4, ((long) IntelCommandSet.READ_ARRAY << 16) | IntelCommandSet.READ_ARRAY);
    plainChannel = FileChannel.open(image, StandardOpenOption.READ);
    plainMapping = plainChannel.map(FileChannel.MapMode.READ_ONLY, 0, parameters.size());
    destination = new byte[length];
    offset = 3 * parameters.blockSize();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    device.media().close();
    plainChannel.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** Baseline: copy the bytes straight out of a mapping of the same file. */
  @Benchmark
  public byte[] plainMappedCopy() {
    plainMapping.get((int) offset, destination, 0, length);
    return destination;
  }

  /** The model: a bulk MMIO read of the device window in Read Array mode. */
  @Benchmark
  public byte[] arrayModeBulkRead() {
    device.readBulk(offset, destination, 0, length);
    return destination;
  }
}
