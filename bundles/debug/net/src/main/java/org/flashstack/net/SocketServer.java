package org.flashstack.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server: it accepts clients on {@code executor} and serves each on a thread of it with a
 * {@link Session}; closing it closes the listening socket and every connection.
 */
public final class SocketServer implements AutoCloseable {

  /** Serves one client; returns or throws when the client is done. */
  @FunctionalInterface
  public interface Session {
    void serve(Socket client) throws IOException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);

  private final String what;
  private final ServerSocket socket;
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

  /** Counted down when the accepting thread has left the listening socket for good. */
  private final CountDownLatch acceptorGone = new CountDownLatch(1);

  private volatile boolean closed;

  private SocketServer(String what, ServerSocket socket) {
    this.what = what;
    this.socket = socket;
  }

  /**
   * Listens on {@code address:port} (port 0: any free one); each client gets TCP_NODELAY and a read
   * time limit of {@code idleMillis}.
   *
   * @param what the server, for the log and messages ("gdb server for default")
   * @throws IOException if the port cannot be bound, saying which
   */
  public static SocketServer start(
      String what,
      InetAddress address,
      int port,
      int idleMillis,
      ExecutorService executor,
      Session session)
      throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    try {
      socket.bind(new InetSocketAddress(address, port));
    } catch (IOException e) {
      socket.close();
      throw new IOException(
          what
              + ": cannot listen on "
              + address.getHostAddress()
              + ":"
              + port
              + ": "
              + e.getMessage(),
          e);
    }
    SocketServer server = new SocketServer(what, socket);
    try {
      executor.execute(() -> server.accept(executor, idleMillis, session));
    } catch (RejectedExecutionException e) {
      server.acceptorGone.countDown();
      server.close();
      throw new IOException(what + ": no thread to accept clients on: " + e.getMessage(), e);
    }
    LOG.info("{} listening on {}", what, server.address());
    return server;
  }

  private void accept(ExecutorService executor, int idleMillis, Session session) {
    try {
      acceptClients(executor, idleMillis, session);
    } finally {
      acceptorGone.countDown();
    }
  }

  private void acceptClients(ExecutorService executor, int idleMillis, Session session) {
    while (!closed) {
      try {
        Socket client = socket.accept();
        client.setTcpNoDelay(true);
        client.setSoTimeout(idleMillis);
        clients.add(client);
        executor.execute(
            () -> {
              try (client) {
                session.serve(client);
              } catch (IOException e) {
                LOG.debug(
                    "{}: {} closed: {}", what, client.getRemoteSocketAddress(), e.getMessage());
              } finally {
                clients.remove(client);
              }
            });
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("{}: accept failed: {}", what, e.getMessage());
        }
      }
    }
  }

  /**
   * @return where it listens: {@code 127.0.0.1:3333}
   */
  public String address() {
    return socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
  }

  /**
   * @return its port
   */
  public int port() {
    return socket.getLocalPort();
  }

  /**
   * @return how many clients are connected
   */
  public int clients() {
    return clients.size();
  }

  /**
   * @return whether it was closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Stops listening and closes every connection. When it returns the port is free again: a socket
   * closed while a thread waits in accept() is only released once that thread has left, so this
   * waits (briefly) for the accepting thread.
   */
  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    try {
      if (!acceptorGone.await(2, TimeUnit.SECONDS)) {
        LOG.warn("{}: the accepting thread did not leave within 2 s", what);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Socket client : clients) {
      try {
        client.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    LOG.info("{} on {} stopped", what, address());
  }
}
