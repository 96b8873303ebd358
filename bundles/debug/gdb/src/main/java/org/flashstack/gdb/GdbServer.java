package org.flashstack.gdb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.net.SocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gdbserver in front of a {@link TargetMemory}: gdb (or any RSP client, a MemProgLib host in
 * another process among them) reads and writes the target's memory with {@code m}, {@code M} and
 * {@code X}. Nothing runs on the target as far as gdb can tell: it is stopped (signal 5), continue
 * and step stop again at once, and its registers read as zero.
 *
 * <p>A malformed packet gets {@code E01}, an access outside the memory {@code E14}, an unknown one
 * the empty reply; a packet over {@link #MAX_PACKET} bytes, a bad checksum after acknowledgements
 * were turned off, or a client silent for {@link #IDLE_MILLIS} mid-packet ends that connection and
 * no other. Connections are served on {@code executor}'s threads.
 */
public final class GdbServer implements AutoCloseable {

  /** The packet size offered in qSupported (bytes of packet data). */
  public static final int PACKET_SIZE = 0x20000;

  /** The most a packet may carry before the connection is closed. */
  public static final int MAX_PACKET = 2 * PACKET_SIZE + 64;

  /** How long a client may stay silent before its connection is closed. */
  public static final int IDLE_MILLIS = 300_000;

  /** The bytes of registers 'g' answers (zeros; gdb takes the rest as unavailable). */
  private static final int REGISTER_BYTES = 8;

  private static final Logger LOG = LoggerFactory.getLogger(GdbServer.class);

  private final String name;
  private final TargetMemory memory;
  private final AtomicLong packets = new AtomicLong();
  private SocketServer socket;

  private GdbServer(String name, TargetMemory memory) {
    this.name = name;
    this.memory = memory;
  }

  /**
   * Starts serving {@code memory} on {@code address:port} (port 0: any free one).
   *
   * @throws IOException if the port cannot be bound
   */
  public static GdbServer start(
      String name, TargetMemory memory, InetAddress address, int port, ExecutorService executor)
      throws IOException {
    GdbServer server = new GdbServer(Objects.requireNonNull(name), memory);
    server.socket =
        SocketServer.start(
            "gdb server for " + name, address, port, IDLE_MILLIS, executor, server::serve);
    return server;
  }

  /**
   * @return what it serves
   */
  public String name() {
    return name;
  }

  /**
   * @return where it listens: {@code 127.0.0.1:3333}
   */
  public String address() {
    return socket.address();
  }

  /**
   * @return the port it listens on
   */
  public int port() {
    return socket.port();
  }

  /**
   * @return how many clients are connected
   */
  public int clients() {
    return socket.clients();
  }

  /**
   * @return how many packets it answered
   */
  public long packets() {
    return packets.get();
  }

  private void serve(Socket client) throws IOException {
    String peer = String.valueOf(client.getRemoteSocketAddress());
    try (RspConnection rsp =
        new RspConnection(client.getInputStream(), client.getOutputStream(), client, MAX_PACKET)) {
      while (!socket.isClosed()) {
        int length = rsp.receiveInPlace();
        if (length < 0) {
          rsp.send("S02"); // interrupted: stopped by SIGINT
          continue;
        }
        packets.incrementAndGet();
        if (!answer(rsp, rsp.packetData(), length)) {
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      LOG.info("gdb server for {}: {} silent too long; closed", name, peer);
    } catch (RspProtocolException e) {
      LOG.warn("gdb server for {}: {} closed: {}", name, peer, e.getMessage());
    }
  }

  /**
   * Answers one packet.
   *
   * @return false when the client asked to end the session
   */
  private boolean answer(RspConnection rsp, byte[] packet, int length) throws IOException {
    if (length > 0 && (packet[0] == 'X' || packet[0] == 'M')) {
      rsp.send(write(packet, length, packet[0] == 'X'));
      return true;
    }
    // what is left is short: text is fine
    String text = new String(packet, 0, length, StandardCharsets.ISO_8859_1);
    if (length > 0 && packet[0] == 'm') {
      byte[] reply = read(text);
      rsp.send(reply, reply.length);
      return true;
    }
    if (text.isEmpty()) {
      rsp.send("");
      return true;
    }
    if (text.equals("QStartNoAckMode")) {
      rsp.send("OK"); // still acknowledged; nothing after it is
      rsp.noAck();
      return true;
    }
    switch (text.charAt(0)) {
      case 'g' -> rsp.send("00".repeat(REGISTER_BYTES));
      case 'G', 'H', 'T' -> rsp.send("OK");
      case 'p' -> rsp.send("00000000");
      case 'P' -> rsp.send("OK");
      case '?' -> rsp.send("S05");
      case 'c', 's' -> rsp.send("S05");
      case 'k' -> {
        return false;
      }
      case 'D' -> {
        rsp.send("OK");
        return false;
      }
      case 'q', 'Q', 'v' -> rsp.send(query(text));
      default -> rsp.send("");
    }
    return true;
  }

  private static String query(String text) {
    if (text.startsWith("qSupported")) {
      return "PacketSize="
          + Integer.toHexString(PACKET_SIZE)
          + ";QStartNoAckMode+;"
          + GdbRemoteMemory.PIPELINING_FEATURE;
    }
    if (text.equals("qAttached")) {
      return "1";
    }
    if (text.equals("qC")) {
      return "QC1";
    }
    if (text.equals("qfThreadInfo")) {
      return "m1";
    }
    if (text.equals("qsThreadInfo")) {
      return "l";
    }
    if (text.startsWith("qRcmd,")) {
      return "OK";
    }
    return "";
  }

  private static final byte[] MALFORMED = {'E', '0', '1'};
  private static final byte[] OUTSIDE = {'E', '1', '4'};

  private byte[] read(String text) {
    long[] range = range(text, 1, text.length());
    if (range == null) {
      return MALFORMED;
    }
    if (range[1] > PACKET_SIZE / 2) {
      range[1] = PACKET_SIZE / 2;
    }
    byte[] data = new byte[(int) range[1]];
    try {
      memory.read(range[0], data, 0, data.length);
    } catch (IndexOutOfBoundsException e) {
      return OUTSIDE;
    }
    return RspConnection.hex(data, 0, data.length);
  }

  private String write(byte[] packet, int length, boolean binary) {
    int colon = 0;
    while (colon < length && packet[colon] != ':') {
      colon++;
    }
    if (colon == length) {
      return "E01";
    }
    String header = new String(packet, 0, colon, StandardCharsets.ISO_8859_1);
    long[] range = range(header, 1, colon);
    if (range == null) {
      return "E01";
    }
    byte[] data = packet;
    int from = colon + 1;
    int end;
    try {
      if (binary) {
        end = RspConnection.unescapeInPlace(packet, from, length);
      } else {
        data = RspConnection.unhex(packet, from, length);
        from = 0;
        end = data.length;
      }
    } catch (RspProtocolException e) {
      return "E01";
    }
    if (end - from != range[1]) {
      return "E01";
    }
    try {
      memory.write(range[0], data, from, end - from);
      memory.fence();
    } catch (IndexOutOfBoundsException e) {
      return "E14";
    }
    return "OK";
  }

  /**
   * @return {address, length} of {@code addr,length} in {@code text[from..to)}, or null if
   *     malformed
   */
  private static long[] range(String text, int from, int to) {
    int comma = text.indexOf(',', from);
    if (comma < 0 || comma >= to) {
      return null;
    }
    try {
      long address = Long.parseUnsignedLong(text.substring(from, comma), 16);
      long length = Long.parseLong(text.substring(comma + 1, to), 16);
      if (length < 0 || length > Integer.MAX_VALUE) {
        return null;
      }
      return new long[] {address, length};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    socket.close();
  }
}
