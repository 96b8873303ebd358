package org.flashstack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SocketServerTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  /** Echoes one byte back per byte read. */
  private static void echo(Socket client) throws IOException {
    InputStream in = client.getInputStream();
    int b;
    while ((b = in.read()) >= 0) {
      client.getOutputStream().write(b);
    }
  }

  private SocketServer start(int port) throws IOException {
    return SocketServer.start(
        "echo server",
        InetAddress.getLoopbackAddress(),
        port,
        5_000,
        threads,
        SocketServerTest::echo);
  }

  @Test
  void aClosedServersPortCanBeListenedOnAgainAtOnceEvenWithAClientStillConnected()
      throws IOException {
    SocketServer first = start(0);
    int port = first.port();
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
      client.getOutputStream().write(1);
      assertEquals(1, client.getInputStream().read());
      for (int round = 0; round < 50; round++) {
        SocketServer server = round == 0 ? first : start(port);
        server.close();
        assertTrue(server.isClosed());
      }
      // the old client's connection was closed with its server
      client.setSoTimeout(2_000);
      assertEquals(-1, client.getInputStream().read());
    }
    try (SocketServer again = start(port);
        Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
      client.getOutputStream().write(9);
      assertEquals(9, client.getInputStream().read());
      assertEquals(port, again.port());
    }
  }

  @Test
  void aPortInUseIsAnErrorNamingTheServerAndTheAddress() throws IOException {
    try (SocketServer first = start(0)) {
      IOException e = assertThrows(IOException.class, () -> start(first.port()));
      assertTrue(
          e.getMessage().startsWith("echo server: cannot listen on 127.0.0.1:" + first.port()),
          e.getMessage());
    }
  }

  @Test
  void aServerWithNoThreadToAcceptOnIsAnErrorAndFreesItsPort() throws IOException {
    ExecutorService stopped = Executors.newSingleThreadExecutor();
    stopped.shutdown();
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                SocketServer.start(
                    "echo server",
                    InetAddress.getLoopbackAddress(),
                    0,
                    5_000,
                    stopped,
                    SocketServerTest::echo));
    assertTrue(e.getMessage().contains("no thread to accept clients on"), e.getMessage());
  }
}
