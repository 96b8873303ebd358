package org.flashstack.serprog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flashstack.hw.spinor.SpiNorChip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerprogServerTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  /** Sends bytes, ends the sending side, and returns all that came back. */
  private static byte[] raw(int port, int... values) throws IOException {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return rawBytes(port, bytes);
  }

  private static byte[] rawBytes(int port, byte[] bytes) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      return in.readAllBytes();
    }
  }

  @Test
  void theQueriesAndAnRdidAnswerAsTheProtocolSays() throws IOException {
    SpiNorChip chip = RealFlashromTest.chip("W25Q128JV");
    try (SerprogServer server =
        SerprogServer.start(
            RealFlashromTest.busOf(chip), InetAddress.getLoopbackAddress(), 0, threads)) {
      byte[] sync = raw(server.port(), Serprog.CMD_SYNCNOP);
      assertArrayEquals(new byte[] {Serprog.NAK, Serprog.ACK}, sync);
      byte[] iface = raw(server.port(), Serprog.CMD_Q_IFACE);
      assertArrayEquals(new byte[] {Serprog.ACK, 1, 0}, iface);
      byte[] bus = raw(server.port(), Serprog.CMD_Q_BUSTYPE);
      assertArrayEquals(new byte[] {Serprog.ACK, Serprog.BUS_SPI}, bus);
      // O_SPIOP: write 1 byte (9Fh, RDID), read 3: Winbond EF 40 18
      byte[] rdid = raw(server.port(), Serprog.CMD_O_SPIOP, 1, 0, 0, 3, 0, 0, 0x9f);
      assertArrayEquals(new byte[] {Serprog.ACK, (byte) 0xef, 0x40, 0x18}, rdid);
      byte[] badCs = raw(server.port(), Serprog.CMD_S_SPI_CS, 5);
      assertArrayEquals(new byte[] {Serprog.NAK}, badCs);
      byte[] unknown = raw(server.port(), 0x7e);
      assertArrayEquals(new byte[] {Serprog.NAK}, unknown);
    }
  }

  @Test
  void oversizedOperationsAreRefusedAndFuzzedBytesNeverStopTheServer() throws IOException {
    SpiNorChip chip = RealFlashromTest.chip("W25Q128JV");
    try (SerprogServer server =
        SerprogServer.start(
            RealFlashromTest.busOf(chip), InetAddress.getLoopbackAddress(), 0, threads)) {
      byte[] oversized = raw(server.port(), Serprog.CMD_O_SPIOP, 0, 0, 0x10, 0, 0, 0);
      assertArrayEquals(new byte[] {Serprog.NAK}, oversized, "then the connection closes");
      Random random = new Random(Long.getLong("flashstack.fuzzSeed", 7));
      int rounds = Integer.getInteger("flashstack.serprogFuzzRounds", 300);
      for (int i = 0; i < rounds; i++) {
        byte[] bytes = new byte[1 + random.nextInt(64)];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
          bytes[0] = (byte) random.nextInt(0x18); // mostly real commands, with random arguments
        }
        rawBytes(server.port(), bytes);
      }
      byte[] rdid = raw(server.port(), Serprog.CMD_O_SPIOP, 1, 0, 0, 3, 0, 0, 0x9f);
      assertEquals(Serprog.ACK, rdid[0], "still serving");
    }
  }
}
