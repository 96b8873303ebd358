package org.flashstack.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flashstack.memprog.host.HostSettings;
import org.flashstack.memprog.host.MemProgHost;
import org.flashstack.memprog.host.MemProgProgrammer;
import org.flashstack.memprog.host.ProgramOptions;
import org.flashstack.memprog.host.ProgressListener;
import org.flashstack.memprog.image.FirmwareImage;
import org.flashstack.memprog.image.Segment;
import org.flashstack.memprog.protocol.FixedLink;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.target.ArrayRegion;
import org.flashstack.memprog.target.StandaloneTarget;
import org.flashstack.memprog.transport.jvm.SimulatedRam;
import org.flashstack.memprog.transport.shm.ShmLocation;
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
 * Programming an 8 MiB image through MemProgLib (the programmer's whole job: ERASE_RANGE, then
 * PROG_VERIFY with every buffer read back and its CRC checked) into a zero-latency flash region,
 * against a plain copy of the same bytes in the same run: in one JVM (host and target threads
 * sharing a simulated RAM), and between two processes sharing a memory-mapped file.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MemProgBenchmark {

  static final int IMAGE = 8 << 20;
  static final int BUFFERS = 8;
  static final int BUFFER_SIZE = 32 << 10;

  static FirmwareImage image() {
    byte[] bytes = new byte[IMAGE];
    new Random(1).nextBytes(bytes);
    try {
      return FirmwareImage.of(List.of(new Segment(0, bytes)));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Host and target in this JVM. */
  @State(Scope.Benchmark)
  public static class InJvm {
    StandaloneTarget target;
    MemProgProgrammer programmer;
    FirmwareImage image;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      SimulatedRam ram = new SimulatedRam("jvm:bench", 0x2000_0000L, 4 << 20);
      MemProgLayout layout = MemProgLayout.packed(0x2000_0000L, BUFFERS, BUFFER_SIZE);
      ArrayRegion region = new ArrayRegion("array:bench", 16 << 20, 4096, false);
      target = StandaloneTarget.start("bench", ram, layout, List.of(region));
      programmer =
          new MemProgProgrammer(
              MemProgHost.connect(
                  new FixedLink(ram, layout.paramAddress(), "jvm:bench"), HostSettings.DEFAULTS));
      image = image();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      programmer.host().close();
      target.close();
    }
  }

  /** The target in a second JVM, the RAM a shared file. */
  @State(Scope.Benchmark)
  public static class TwoProcesses {
    Process target;
    Path file;
    MemProgProgrammer programmer;
    FirmwareImage image;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      file = Files.createTempFile("memprog-bench", ".ram");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      target =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  MemProgTargetProcess.class.getName(),
                  file.toString(),
                  String.valueOf(BUFFERS),
                  String.valueOf(BUFFER_SIZE))
              .redirectErrorStream(true)
              .start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
        if (line == null) {
          throw new IllegalStateException("the target process did not come up");
        }
      }
      programmer =
          new MemProgProgrammer(
              MemProgHost.connect(
                  ShmLocation.parse(file + "?base=0x20000000&param=0x20000000").open(),
                  HostSettings.DEFAULTS));
      image = image();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      programmer.host().close();
      target.getOutputStream().close();
      target.waitFor(10, TimeUnit.SECONDS);
      target.destroyForcibly();
      Files.deleteIfExists(file);
    }
  }

  /** The baseline: the same bytes copied once, as fast as the JVM copies. */
  @State(Scope.Benchmark)
  public static class Copy {
    final byte[] source = image().segments().get(0).data();
    final byte[] destination = new byte[IMAGE];
  }

  @Benchmark
  public Object programInJvm(InJvm state) throws Exception {
    return state.programmer.program(0, state.image, ProgramOptions.DEFAULTS, ProgressListener.NONE);
  }

  @Benchmark
  public Object programBetweenProcesses(TwoProcesses state) throws Exception {
    return state.programmer.program(0, state.image, ProgramOptions.DEFAULTS, ProgressListener.NONE);
  }

  @Benchmark
  public byte[] plainImageCopy(Copy state) {
    System.arraycopy(state.source, 0, state.destination, 0, IMAGE);
    return state.destination;
  }
}
