package org.flashstack.gdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GdbClientServerTest {

  static final long BASE = 0x2000_0000L;
  final ExecutorService threads = Executors.newCachedThreadPool();
  final SimulatedRam ram = new SimulatedRam("jvm:gdb", BASE, 1 << 20);

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  private GdbServer server() throws IOException {
    return GdbServer.start("ram", ram, InetAddress.getLoopbackAddress(), 0, threads);
  }

  @Test
  void theClientReadsAndWritesThroughTheServerInLargeBinaryPackets() throws IOException {
    try (GdbServer server = server();
        GdbRemoteMemory memory =
            GdbRemoteMemory.connect("127.0.0.1", server.port(), Duration.ofSeconds(5))) {
      assertEquals(GdbServer.PACKET_SIZE, memory.packetSize());
      byte[] data = new byte[100_000];
      new Random(1).nextBytes(data);
      data[5] = '#';
      data[6] = '$';
      data[7] = '}';
      data[8] = '*';
      memory.write(BASE + 3, data, 0, data.length);
      byte[] back = new byte[data.length];
      ram.read(BASE + 3, back, 0, back.length);
      assertArrayEquals(data, back, "escaped bytes arrive as they were");
      byte[] read = new byte[data.length];
      memory.read(BASE + 3, read, 0, read.length);
      assertArrayEquals(data, read);
      memory.write32(BASE + 0x100, 0xcafe_babeL);
      assertEquals(0xcafe_babeL, memory.read32(BASE + 0x100));
      IndexOutOfBoundsException outside =
          assertThrows(IndexOutOfBoundsException.class, () -> memory.read8(0x1000));
      assertTrue(
          outside.getMessage().contains("refused the access at 0x00001000 (E14)"),
          outside.getMessage());
    }
  }

  @Test
  void memProgLibProgramsATargetThroughGdb() throws IOException {
    ArrayRegion region = new ArrayRegion("array:a", 4 << 20, 4096, false);
    MemProgLayout layout = MemProgLayout.packed(BASE, 4, 4096);
    try (StandaloneTarget target = StandaloneTarget.start("t", ram, layout, List.of(region));
        GdbServer server = server()) {
      GdbRemoteMemory memory =
          GdbRemoteMemory.connect("127.0.0.1", server.port(), Duration.ofSeconds(5));
      try (MemProgHost host =
          MemProgHost.connect(
              new FixedLink(memory, BASE, "gdb:test", memory::close), HostSettings.DEFAULTS)) {
        byte[] image = new byte[300_000];
        new Random(2).nextBytes(image);
        new MemProgProgrammer(host)
            .program(
                0,
                FirmwareImage.of(List.of(new Segment(0x1000, image))),
                ProgramOptions.DEFAULTS.with(true, false),
                ProgressListener.NONE);
        assertArrayEquals(image, Arrays.copyOfRange(region.cells(), 0x1000, 0x1000 + image.length));
      }
    }
  }

  @Test
  void aClientReconnectsOnceWhenTheConnectionBreaks() throws IOException {
    try (GdbServer server = server();
        GdbRemoteMemory memory =
            GdbRemoteMemory.connect("127.0.0.1", server.port(), Duration.ofSeconds(5))) {
      memory.write8(BASE, 7);
      // the server drops every client; the next access opens a new connection
      server.close();
      try (GdbServer second =
          GdbServer.start("ram", ram, InetAddress.getLoopbackAddress(), server.port(), threads)) {
        assertEquals(7, memory.read8(BASE));
      }
    }
  }

  @Test
  void aServerThatIsGoneIsAClearError() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    IOException e =
        assertThrows(
            IOException.class,
            () -> GdbRemoteMemory.connect("127.0.0.1", port, Duration.ofSeconds(2)));
    assertTrue(e.getMessage().startsWith("gdb:127.0.0.1:" + port + ": "), e.getMessage());
  }

  /** Sends raw bytes and returns what came back within a short while. */
  private static String raw(int port, byte[] bytes) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
      socket.shutdownOutput(); // the server answers, sees the end, and closes
      InputStream in = socket.getInputStream();
      StringBuilder got = new StringBuilder();
      try {
        for (int b = in.read(); b >= 0; b = in.read()) {
          got.append((char) b);
        }
      } catch (java.net.SocketTimeoutException e) {
        // what came back came back
      }
      return got.toString();
    }
  }

  private static byte[] packet(String data) {
    int sum = 0;
    for (byte b : data.getBytes(StandardCharsets.ISO_8859_1)) {
      sum += b & 0xff;
    }
    return String.format("$%s#%02x", data, sum & 0xff).getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void malformedPacketsGetErrorsAndTheServerGoesOn() throws IOException {
    try (GdbServer server = server()) {
      assertTrue(raw(server.port(), packet("mzz,4")).contains("$E01#"));
      assertTrue(raw(server.port(), packet("M20000000,4:abc")).contains("$E01#"), "odd hex");
      assertTrue(raw(server.port(), packet("M20000000,8:00")).contains("$E01#"), "length mismatch");
      assertTrue(raw(server.port(), packet("m10,4")).contains("$E14#"), "outside the memory");
      assertTrue(raw(server.port(), packet("Zunknown")).contains("$#00"), "empty reply");
      String badSum = raw(server.port(), "$m20000000,4#00".getBytes(StandardCharsets.ISO_8859_1));
      assertTrue(badSum.startsWith("-"), badSum);
      // oversized: the connection is closed, the server goes on
      byte[] huge = new byte[GdbServer.MAX_PACKET + 100];
      Arrays.fill(huge, (byte) 'a');
      huge[0] = '$';
      raw(server.port(), huge);
      // a client that vanishes mid-packet
      raw(server.port(), "$m2000".getBytes(StandardCharsets.ISO_8859_1));
      ram.write32(BASE, 0x11223344L);
      assertTrue(raw(server.port(), packet("m20000000,4")).contains("$44332211#"));
    }
  }

  @Test
  void fuzzedPacketsNeverStopTheServerOrReachOutsideTheMemory() throws IOException {
    Random random = new Random(Long.getLong("flashstack.fuzzSeed", 42));
    int rounds = Integer.getInteger("flashstack.gdbFuzzRounds", 300);
    String[] heads = {"m", "M", "X", "g", "G", "q", "Q", "v", "?", "c", "H", "p", "P", "Z", ""};
    try (GdbServer server = server()) {
      for (int i = 0; i < rounds; i++) {
        StringBuilder data = new StringBuilder(heads[random.nextInt(heads.length)]);
        if (random.nextBoolean()) {
          data.append(
              String.format(
                  "%x,%x", BASE + random.nextInt(2 << 20) - (512 << 10), random.nextInt(64)));
          if (random.nextBoolean()) {
            data.append(':');
          }
        }
        int noise = random.nextInt(40);
        for (int n = 0; n < noise; n++) {
          data.append((char) (0x20 + random.nextInt(0x5e)));
        }
        byte[] bytes = random.nextInt(10) == 0 ? randomBytes(random) : packet(data.toString());
        raw(server.port(), bytes);
      }
      ram.write32(BASE + 64, 0x55667788L);
      assertTrue(raw(server.port(), packet("m20000040,4")).contains("$88776655#"), "still serving");
    }
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    return bytes;
  }

  @Test
  void aFakeServerAnsweringGarbageGivesClearErrorsNotHangs() throws Exception {
    try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      threads.execute(
          () -> {
            try (Socket s = fake.accept()) {
              InputStream in = s.getInputStream();
              OutputStream out = s.getOutputStream();
              RspConnection rsp = new RspConnection(in, out, s, 1 << 16);
              rsp.receive(); // qSupported
              rsp.send("PacketSize=100");
              rsp.receive(); // ?
              rsp.send("S05");
              rsp.receive(); // m...
              rsp.send("zz*"); // not hex, a run without count
              rsp.receive();
            } catch (IOException e) {
              // the client left
            }
          });
      try (GdbRemoteMemory memory =
          GdbRemoteMemory.connect("127.0.0.1", fake.getLocalPort(), Duration.ofSeconds(2))) {
        IllegalStateException e =
            assertThrows(IllegalStateException.class, () -> memory.read8(BASE));
        assertTrue(e.getMessage().startsWith("gdb:127.0.0.1:"), e.getMessage());
      }
    }
  }

  @Test
  void writesArePipelinedWithFlashStacksServerAndARefusedOneFailsTheNextReadNamingItsAddress()
      throws IOException {
    try (GdbServer server = server();
        GdbRemoteMemory memory =
            GdbRemoteMemory.connect("127.0.0.1", server.port(), Duration.ofSeconds(5))) {
      assertTrue(memory.isPipelined());
      memory.write32(BASE, 0x11223344L); // the first write waits: is X known?
      long before = server.packets();
      for (int i = 0; i < 600; i++) {
        memory.write32(BASE + 4 * i, i);
      }
      memory.write8(0x1000, 1); // outside the RAM: refused, but nobody waits to hear it
      memory.write8(BASE + 0x1000, 0x5a);
      IndexOutOfBoundsException refused =
          assertThrows(IndexOutOfBoundsException.class, () -> memory.read8(BASE));
      assertTrue(
          refused.getMessage().contains("write at 0x00001000: the server answered 'E14'"),
          refused.getMessage());
      // every write before and after the refused one landed, in order, and the link goes on
      assertEquals(599, ram.read32(BASE + 4 * 599));
      assertEquals(0x5a, memory.read8(BASE + 0x1000));
      assertEquals(602, server.packets() - before - 1, "one packet per write, one read");
    }
  }

  @Test
  void pipeliningOffMakesEveryWriteWaitForItsReply() throws IOException {
    try (GdbServer server = server();
        GdbRemoteMemory memory =
            GdbRemoteMemory.connect(
                "127.0.0.1",
                server.port(),
                Duration.ofSeconds(5),
                GdbRemoteMemory.Pipelining.OFF)) {
      assertEquals(false, memory.isPipelined());
      memory.write8(BASE, 1);
      assertThrows(IndexOutOfBoundsException.class, () -> memory.write8(0x1000, 1));
    }
  }

  /**
   * A server that agrees to no-ack mode, answers '?' and the first write, then hears {@code
   * silentWrites} more packets without a word and closes.
   */
  private int fakeServer(ServerSocket fake, String supported, int silentWrites) {
    threads.execute(
        () -> {
          try (Socket s = fake.accept()) {
            RspConnection rsp =
                new RspConnection(s.getInputStream(), s.getOutputStream(), s, 1 << 16);
            rsp.receive(); // qSupported
            rsp.send(supported);
            if (new String(rsp.receive(), StandardCharsets.ISO_8859_1).equals("QStartNoAckMode")) {
              rsp.send("OK");
              rsp.noAck();
              rsp.receive(); // ?
            }
            rsp.send("S05");
            rsp.receive(); // the first write
            rsp.send("OK");
            for (int i = 0; i < silentWrites; i++) {
              rsp.receive();
            }
          } catch (IOException e) {
            // the client left
          }
        });
    return fake.getLocalPort();
  }

  @Test
  void aServerThatDoesNotOfferPipeliningIsNotPipelinedUnlessAskedTo() throws IOException {
    for (GdbRemoteMemory.Pipelining asked : GdbRemoteMemory.Pipelining.values()) {
      try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = fakeServer(fake, "PacketSize=1000;QStartNoAckMode+", 0);
        try (GdbRemoteMemory memory =
            GdbRemoteMemory.connect("127.0.0.1", port, Duration.ofSeconds(2), asked)) {
          assertEquals(asked == GdbRemoteMemory.Pipelining.ON, memory.isPipelined(), "" + asked);
        }
      }
    }
  }

  @Test
  void aConnectionLostWithPipelinedWritesUnansweredIsAnErrorNotASilentRetry() throws IOException {
    try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port =
          fakeServer(
              fake, "PacketSize=1000;QStartNoAckMode+;" + GdbRemoteMemory.PIPELINING_FEATURE, 2);
      try (GdbRemoteMemory memory =
          GdbRemoteMemory.connect("127.0.0.1", port, Duration.ofSeconds(2))) {
        assertTrue(memory.isPipelined());
        memory.write8(BASE, 1);
        memory.write8(BASE + 1, 2);
        memory.write8(BASE + 2, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, memory::sync);
        assertTrue(e.getMessage().contains("with 2 pipelined write(s) unanswered"), e.getMessage());
      }
    }
  }
}
