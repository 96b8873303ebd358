package org.flashstack.gdb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import org.flashstack.api.memprog.TargetMemory;

/**
 * A target's memory through any gdbserver (OpenOCD, pyOCD, J-Link, QEMU's gdbstub, FlashStack's
 * own): reads with {@code m}, writes with {@code X} (binary) where the server takes it and {@code
 * M} (hex) where it does not, in packets as large as the server's {@code PacketSize}, without
 * acknowledgements where the server agrees to {@code QStartNoAckMode}.
 *
 * <p>RSP is request and reply: gdb waits for each reply before it sends the next packet, and so
 * does this client unless pipelining is on. <em>Pipelined</em>, writes do not wait: their {@code
 * OK}s are collected before the next read (a server answers packets in the order they came, so
 * every write lands before any later packet is served, and {@link #fence()} has nothing to wait
 * for). A write the server refused then fails the next read, {@link #fence()} is not enough to see
 * it but {@link #sync()} is. Pipelining needs no-ack mode and is on where the server offers {@link
 * #PIPELINING_FEATURE} (FlashStack's own does) unless {@link Pipelining#OFF} is asked for; {@link
 * Pipelining#ON} turns it on for any server in no-ack mode (one that reads its packets in order
 * from the stream, as OpenOCD and QEMU's gdbstub do).
 *
 * <p>An error reply to a read or write is an {@link IndexOutOfBoundsException} naming the address
 * and the reply. A connection that breaks is opened again once and the access repeated (reads and
 * writes of memory are idempotent) unless pipelined writes were still unanswered: then, as when the
 * second attempt fails too or the server stays silent past the time limit, the access throws {@link
 * IllegalStateException}.
 */
public final class GdbRemoteMemory implements TargetMemory, AutoCloseable {

  /**
   * The qSupported feature by which a server says it serves packets sent before their predecessors
   * were answered (FlashStack's extension; gdb ignores features it does not know).
   */
  public static final String PIPELINING_FEATURE = "FlashStackPipelining+";

  /** Room before a write's data for its header ({@code X<16 digits>,<8 digits>:}). */
  private static final int HEADER_ROOM = 32;

  /** The most pipelined writes left unanswered before the client collects their replies. */
  static final int MAX_UNANSWERED = 256;

  /** Whether writes wait for their replies. */
  public enum Pipelining {
    /** Pipelined where the server offers {@link #PIPELINING_FEATURE} and no-ack mode. */
    AUTO,
    /** Pipelined wherever no-ack mode is agreed. */
    ON,
    /** Every packet waits for its reply, as gdb does. */
    OFF
  }

  private final String host;
  private final int port;
  private final Duration timeout;
  private final Pipelining pipelining;

  /** The addresses of pipelined writes whose replies were not read yet, oldest first. */
  private final ArrayDeque<Long> unanswered = new ArrayDeque<>();

  /** Where write packets are put together (one at a time: writes hold the monitor). */
  private final RspConnection.Builder builder = new RspConnection.Builder(1 << 12);

  private RspConnection rsp;
  private int packetSize = 400;
  private boolean pipelined;
  private Boolean binaryWrites;
  private volatile boolean closed;

  private GdbRemoteMemory(String host, int port, Duration timeout, Pipelining pipelining) {
    this.host = host;
    this.port = port;
    this.timeout = timeout;
    this.pipelining = Objects.requireNonNull(pipelining);
  }

  /**
   * Connects to the gdbserver at {@code host:port} and agrees on packet size and acknowledgements;
   * pipelined where the server offers it.
   *
   * @throws IOException if it cannot be reached or does not answer within {@code timeout}
   */
  public static GdbRemoteMemory connect(String host, int port, Duration timeout)
      throws IOException {
    return connect(host, port, timeout, Pipelining.AUTO);
  }

  /**
   * Connects as {@link #connect(String, int, Duration)} does, pipelining as asked.
   *
   * @throws IOException if it cannot be reached or does not answer within {@code timeout}
   */
  public static GdbRemoteMemory connect(
      String host, int port, Duration timeout, Pipelining pipelining) throws IOException {
    GdbRemoteMemory memory =
        new GdbRemoteMemory(Objects.requireNonNull(host), port, timeout, pipelining);
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
      boolean offered = Arrays.asList(supported.split(";")).contains(PIPELINING_FEATURE);
      pipelined =
          connection.isNoAck()
              && (pipelining == Pipelining.ON || pipelining == Pipelining.AUTO && offered);
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
   * @return whether writes are pipelined on this connection
   */
  public boolean isPipelined() {
    return pipelined;
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
    collectReplies();
    int chunk = Math.max(1, (packetSize - 8) / 2);
    for (int done = 0; done < length; ) {
      int count = Math.min(chunk, length - done);
      long at = address + done;
      byte[] request = String.format("m%x,%x", at, count).getBytes(StandardCharsets.ISO_8859_1);
      byte[] reply = exchange(request, 0, request.length, at);
      byte[] data;
      try {
        byte[] expanded = contains(reply, '*') ? RspConnection.expandRuns(reply) : reply;
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
      // the data first, after room for the header, which then says how many bytes fitted
      RspConnection.Builder packet = builder.reset().skip(HEADER_ROOM);
      int count;
      if (binary) {
        count = Math.max(1, packet.escaped(source, offset + done, length - done, packetSize));
      } else {
        count = Math.max(1, Math.min(length - done, (packetSize - HEADER_ROOM) / 2));
        packet.hex(source, offset + done, count);
      }
      int start =
          packet.prepend(HEADER_ROOM, String.format("%s%x,%x:", binary ? "X" : "M", at, count));
      if (pipelined && binaryWrites != null) {
        sendPipelined(packet, start, at);
        done += count;
        continue;
      }
      byte[] reply = exchange(packet.array(), start, packet.size() - start, at);
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

  private static boolean contains(byte[] bytes, char c) {
    for (byte b : bytes) {
      if (b == c) {
        return true;
      }
    }
    return false;
  }

  private static String textOf(byte[] reply) {
    return new String(reply, StandardCharsets.ISO_8859_1);
  }

  /** Sends a packet and returns the reply, reconnecting once if the connection broke. */
  private byte[] exchange(byte[] packet, int offset, int length, long address) {
    if (closed) {
      throw new IllegalStateException(name() + " is closed");
    }
    IOException failure = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        if (rsp == null) {
          open();
        }
        rsp.send(packet, offset, length);
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

  private void sendPipelined(RspConnection.Builder packet, int start, long at) {
    if (unanswered.size() >= MAX_UNANSWERED) {
      collectReplies();
    }
    if (closed) {
      throw new IllegalStateException(name() + " is closed");
    }
    try {
      if (rsp == null) {
        open();
      }
      rsp.send(packet.array(), start, packet.size() - start);
      unanswered.add(at);
    } catch (IOException e) {
      throw broken(e);
    }
  }

  /**
   * Reads the replies of the pipelined writes still unanswered.
   *
   * @throws IndexOutOfBoundsException if the server refused one (every reply is read first)
   * @throws IllegalStateException if the connection broke or the server answered something else
   */
  private void collectReplies() {
    String refused = null;
    while (!unanswered.isEmpty()) {
      long at = unanswered.peek();
      byte[] reply;
      try {
        reply = rsp.receive();
      } catch (IOException e) {
        throw broken(e);
      }
      unanswered.poll();
      String text = reply == null ? "an interrupt" : textOf(reply);
      if (!text.equals("OK") && refused == null) {
        refused = String.format("%s: write at 0x%08x: the server answered '%s'", name(), at, text);
        if (!text.startsWith("E")) {
          unanswered.clear();
          rsp.close();
          rsp = null;
          throw new IllegalStateException(refused);
        }
      }
    }
    if (refused != null) {
      throw new IndexOutOfBoundsException(refused);
    }
  }

  /** A connection that broke with pipelined writes unanswered: their fate is unknown. */
  private IllegalStateException broken(IOException e) {
    int lost = unanswered.size();
    unanswered.clear();
    if (rsp != null) {
      rsp.close();
      rsp = null;
    }
    return new IllegalStateException(
        name()
            + ": the connection failed with "
            + lost
            + " pipelined write(s) unanswered: "
            + e.getMessage(),
        e);
  }

  /**
   * Pipelined writes reach the server in order and it serves them before any later packet: nothing
   * to wait for.
   */
  @Override
  public void fence() {
    // every packet went out in order (and unpipelined ones were answered)
  }

  /**
   * Waits for the replies of every pipelined write so far.
   *
   * @throws IndexOutOfBoundsException if the server refused one of them
   */
  public synchronized void sync() {
    collectReplies();
  }

  @Override
  public synchronized void close() {
    if (rsp != null && !unanswered.isEmpty()) {
      try {
        collectReplies();
      } catch (RuntimeException e) {
        // leaving anyway; the failure was the server's to report
      }
    }
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
