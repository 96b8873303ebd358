package org.flashstack.gdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.flashstack.api.memprog.TargetMemory;

/**
 * A target's memory through any gdbserver (OpenOCD, pyOCD, J-Link, QEMU's gdbstub, FlashStack's
 * own): reads with {@code m}, writes with {@code X} (binary) where the server takes it and {@code
 * M} (hex) where it does not, in packets as large as the server's {@code PacketSize}, without
 * acknowledgements where the server agrees to {@code QStartNoAckMode}. Every packet waits for its
 * reply, so writes land in the order they are made ({@link #fence()} has nothing left to do).
 *
 * <p>An error reply to a read or write is an {@link IndexOutOfBoundsException} naming the address
 * and the reply. A connection that breaks is opened again once and the access repeated (reads and
 * writes of memory are idempotent); if that fails too, or the server stays silent past the time
 * limit, the access throws {@link IllegalStateException}.
 */
public final class GdbRemoteMemory implements TargetMemory, AutoCloseable {

  private final String host;
  private final int port;
  private final Duration timeout;
  private RspConnection rsp;
  private int packetSize = 400;
  private Boolean binaryWrites;
  private volatile boolean closed;

  private GdbRemoteMemory(String host, int port, Duration timeout) {
    this.host = host;
    this.port = port;
    this.timeout = timeout;
  }

  /**
   * Connects to the gdbserver at {@code host:port} and agrees on packet size and acknowledgements.
   *
   * @throws IOException if it cannot be reached or does not answer within {@code timeout}
   */
  public static GdbRemoteMemory connect(String host, int port, Duration timeout)
      throws IOException {
    GdbRemoteMemory memory = new GdbRemoteMemory(Objects.requireNonNull(host), port, timeout);
    memory.open();
    return memory;
  }

  private void open() throws IOException {
    Socket socket = new Socket();
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    try {
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      socket.setTcpNoDelay(true);
      RspConnection connection =
          new RspConnection(socket.getInputStream(), socket.getOutputStream(), socket, 1 << 20);
      connection.send("qSupported:multiprocess+;swbreak+;hwbreak+");
      String supported = text(connection.receive());
      for (String feature : supported.split(";")) {
        if (feature.startsWith("PacketSize=")) {
          packetSize =
              Math.max(64, (int) Math.min(1 << 20, Long.parseLong(feature.substring(11), 16)));
        }
      }
      if (supported.contains("QStartNoAckMode+")) {
        connection.send("QStartNoAckMode");
        if (text(connection.receive()).equals("OK")) {
          connection.noAck();
        }
      }
      // stop-reply query, as gdb does on connect; servers expect it before memory access
      connection.send("?");
      connection.receive();
      rsp = connection;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw new IOException("gdb:" + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private static String text(byte[] packet) throws IOException {
    if (packet == null) {
      throw new RspProtocolException("an interrupt where a reply belongs");
    }
    return textOf(packet);
  }

  @Override
  public String name() {
    return "gdb:" + host + ":" + port;
  }

  /**
   * @return the packet size the server offered
   */
  public int packetSize() {
    return packetSize;
  }

  @Override
  public synchronized void read(long address, byte[] destination, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, destination.length);
    int chunk = Math.max(1, (packetSize - 8) / 2);
    for (int done = 0; done < length; ) {
      int count = Math.min(chunk, length - done);
      long at = address + done;
      byte[] reply =
          exchange(String.format("m%x,%x", at, count).getBytes(StandardCharsets.ISO_8859_1), at);
      byte[] data;
      try {
        byte[] expanded = RspConnection.expandRuns(reply);
        data = RspConnection.unhex(expanded, 0, expanded.length);
      } catch (RspProtocolException e) {
        throw new IllegalStateException(
            name() + ": read at 0x" + Long.toHexString(at) + ": " + e.getMessage());
      }
      if (data.length == 0 || data.length > count) {
        throw new IllegalStateException(
            String.format(
                "%s: read at 0x%x: %d bytes answered for %d asked",
                name(), at, data.length, count));
      }
      System.arraycopy(data, 0, destination, offset + done, data.length);
      done += data.length;
    }
  }

  @Override
  public synchronized void write(long address, byte[] source, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, source.length);
    for (int done = 0; done < length; ) {
      long at = address + done;
      boolean binary = binaryWrites == null || binaryWrites;
      // room for the header; a binary byte takes at most two, a hex byte always two
      int count = Math.min(length - done, Math.max(1, (packetSize - 32) / 2));
      ByteArrayOutputStream packet = new ByteArrayOutputStream(count * 2 + 32);
      String header = String.format("%s%x,%x:", binary ? "X" : "M", at, count);
      packet.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
      if (binary) {
        RspConnection.escape(source, offset + done, count, packet);
      } else {
        RspConnection.hex(source, offset + done, count, packet);
      }
      byte[] reply = exchange(packet.toByteArray(), at);
      if (reply.length == 0 && binary && binaryWrites == null) {
        binaryWrites = false; // the server does not know X: M from now on
        continue;
      }
      if (!new String(reply, StandardCharsets.ISO_8859_1).equals("OK")) {
        throw new IllegalStateException(
            String.format(
                "%s: write at 0x%x: the server answered '%s'", name(), at, textOf(reply)));
      }
      if (binary) {
        binaryWrites = true;
      }
      done += count;
    }
  }

  private static String textOf(byte[] reply) {
    return new String(reply, StandardCharsets.ISO_8859_1);
  }

  /** Sends a packet and returns the reply, reconnecting once if the connection broke. */
  private byte[] exchange(byte[] packet, long address) {
    if (closed) {
      throw new IllegalStateException(name() + " is closed");
    }
    IOException failure = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        if (rsp == null) {
          open();
        }
        rsp.send(packet, packet.length);
        byte[] reply = rsp.receive();
        if (reply == null) {
          throw new RspProtocolException("an interrupt where a reply belongs");
        }
        if (reply.length == 3 && reply[0] == 'E') {
          throw new IndexOutOfBoundsException(
              String.format(
                  "%s: the server refused the access at 0x%08x (%s)",
                  name(), address, textOf(reply)));
        }
        return reply;
      } catch (IOException e) {
        failure = e;
        if (rsp != null) {
          rsp.close();
          rsp = null;
        }
      }
    }
    throw new IllegalStateException(
        name() + ": the connection failed: " + failure.getMessage(), failure);
  }

  @Override
  public void fence() {
    // every packet waited for its reply: earlier writes are already in the target
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (rsp != null) {
      try {
        rsp.send("D");
      } catch (IOException e) {
        // leaving anyway
      }
      rsp.close();
      rsp = null;
    }
  }
}
