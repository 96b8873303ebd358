package org.flashstack.benchmarks;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.flashstack.gdb.GdbRemoteMemory;
import org.flashstack.gdb.GdbServer;
import org.flashstack.memprog.host.HostSettings;
import org.flashstack.memprog.host.MemProgHost;
import org.flashstack.memprog.host.MemProgProgrammer;
import org.flashstack.memprog.host.ProgramOptions;
import org.flashstack.memprog.host.ProgressListener;
import org.flashstack.memprog.image.FirmwareImage;
import org.flashstack.memprog.protocol.FixedLink;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.target.ArrayRegion;
import org.flashstack.memprog.target.StandaloneTarget;
import org.flashstack.memprog.transport.jvm.SimulatedRam;
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
 * Programming an 8 MiB image through MemProgLib with the host reaching the target's RAM over GDB's
 * Remote Serial Protocol on loopback (FlashStack's gdb client and server), against two baselines in
 * the same run: the same programming with the host on the target's RAM directly (what RSP costs),
 * and a raw loopback socket copy of the same bytes (what the issue first asked to compare with).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class GdbProgramBenchmark {

  /** The target behind a gdb server, the host through a gdb client. */
  @State(Scope.Benchmark)
  public static class OverGdb {
    ExecutorService threads;
    StandaloneTarget target;
    GdbServer server;
    MemProgProgrammer programmer;
    FirmwareImage image;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      threads = Executors.newCachedThreadPool();
      SimulatedRam ram = new SimulatedRam("jvm:bench", 0x2000_0000L, 4 << 20);
      MemProgLayout layout =
          MemProgLayout.packed(
              0x2000_0000L, MemProgBenchmark.BUFFERS, MemProgBenchmark.BUFFER_SIZE);
      target =
          StandaloneTarget.start(
              "bench", ram, layout, List.of(new ArrayRegion("array:bench", 16 << 20, 4096, false)));
      server = GdbServer.start("bench", ram, InetAddress.getLoopbackAddress(), 0, threads);
      GdbRemoteMemory memory =
          GdbRemoteMemory.connect("127.0.0.1", server.port(), Duration.ofSeconds(10));
      programmer =
          new MemProgProgrammer(
              MemProgHost.connect(
                  new FixedLink(memory, 0x2000_0000L, "gdb:bench", memory::close),
                  HostSettings.DEFAULTS));
      image = MemProgBenchmark.image();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      programmer.host().close();
      server.close();
      target.close();
      threads.shutdownNow();
    }
  }

  /**
   * A loopback socket whose other end reads and counts the bytes, and says when it has them all.
   */
  @State(Scope.Benchmark)
  public static class RawSocket {
    ExecutorService threads;
    ServerSocket listener;
    Socket socket;
    OutputStream out;
    InputStream in;
    byte[] bytes;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      threads = Executors.newCachedThreadPool();
      listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      threads.execute(
          () -> {
            try (Socket peer = listener.accept()) {
              DataInputStream from = new DataInputStream(peer.getInputStream());
              OutputStream back = peer.getOutputStream();
              byte[] buffer = new byte[1 << 16];
              while (true) {
                long left = MemProgBenchmark.IMAGE;
                while (left > 0) {
                  int n = from.read(buffer, 0, (int) Math.min(buffer.length, left));
                  if (n < 0) {
                    return;
                  }
                  left -= n;
                }
                back.write(1);
                back.flush();
              }
            } catch (Exception e) {
              // the benchmark is over
            }
          });
      socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = socket.getInputStream();
      bytes = MemProgBenchmark.image().segments().get(0).data();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      socket.close();
      listener.close();
      threads.shutdownNow();
    }
  }

  @Benchmark
  public Object programOverGdb(OverGdb state) throws Exception {
    return state.programmer.program(0, state.image, ProgramOptions.DEFAULTS, ProgressListener.NONE);
  }

  @Benchmark
  public Object programOnRamDirectly(MemProgBenchmark.InJvm state) throws Exception {
    return state.programmer.program(0, state.image, ProgramOptions.DEFAULTS, ProgressListener.NONE);
  }

  @Benchmark
  public int rawLoopbackCopy(RawSocket state) throws Exception {
    state.out.write(state.bytes);
    state.out.flush();
    return state.in.read();
  }
}
