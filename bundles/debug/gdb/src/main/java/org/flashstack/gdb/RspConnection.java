package org.flashstack.gdb;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One end of a Remote Serial Protocol stream (GDB manual, "Overview" of Appendix E): packets {@code
 * $data#cs} with a two-hex-digit modulo-256 checksum, acknowledged by {@code +} (or {@code -} to
 * ask again) until no-ack mode is agreed; {@code #}, {@code $}, <code>}</code> and {@code *} in
 * data escaped as <code>}</code> then the byte XOR 0x20; run-length encoding ({@code X*n}: X
 * repeated n - 29 more times) in replies. A lone 0x03 is an interrupt.
 */
public final class RspConnection implements AutoCloseable {

  /** The interrupt byte (Ctrl-C). */
  public static final int INTERRUPT = 0x03;

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private final OutputStream out;
  private final AutoCloseable resource;
  private final int maxPacket;
  private boolean noAck;

  /**
   * @param in what the peer sends
   * @param out what goes to the peer
   * @param resource closed with the connection (the socket)
   * @param maxPacket the most data bytes a packet may carry before it is refused as oversized
   */
  public RspConnection(InputStream in, OutputStream out, AutoCloseable resource, int maxPacket) {
    this.in = in;
    this.out = new BufferedOutputStream(out, 1 << 16);
    this.resource = resource;
    this.maxPacket = maxPacket;
  }

  /** Stops sending and expecting acknowledgements (after QStartNoAckMode was agreed). */
  public void noAck() {
    noAck = true;
  }

  /**
   * @return whether acknowledgements are off
   */
  public boolean isNoAck() {
    return noAck;
  }

  /**
   * Sends a packet and, unless in no-ack mode, waits for its {@code +} (resending on {@code -}, at
   * most 3 times).
   */
  public void send(byte[] data, int length) throws IOException {
    for (int attempt = 0; ; attempt++) {
      out.write('$');
      int sum = 0;
      for (int i = 0; i < length; i++) {
        sum += data[i] & 0xff;
      }
      out.write(data, 0, length);
      out.write('#');
      out.write(HEX[(sum >> 4) & 0xf]);
      out.write(HEX[sum & 0xf]);
      out.flush();
      if (noAck) {
        return;
      }
      int ack = next();
      if (ack == '+') {
        return;
      }
      if (ack < 0) {
        throw new EOFException("the peer closed the connection");
      }
      if (ack != '-' || attempt >= 3) {
        throw new RspProtocolException(
            String.format("the peer answered a packet with 0x%02x, not + or -", ack));
      }
    }
  }

  /** Sends a text packet. */
  public void send(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    send(bytes, bytes.length);
  }

  /**
   * Reads the next packet's data (escapes kept, for the caller to undo where binary data is
   * allowed), acknowledging it unless in no-ack mode. Bytes before the {@code $} other than
   * acknowledgements are skipped; an interrupt returns {@code null}.
   *
   * @throws RspProtocolException for a bad checksum in no-ack mode (or three in a row), a packet
   *     over the size limit, or a malformed checksum
   * @throws EOFException if the peer closed the stream
   */
  public byte[] receive() throws IOException {
    int bad = 0;
    while (true) {
      int b = next();
      if (b < 0) {
        throw new EOFException("the peer closed the connection");
      }
      if (b == INTERRUPT) {
        return null;
      }
      if (b != '$') {
        continue;
      }
      byte[] data = new byte[256];
      int size = 0;
      int sum = 0;
      boolean ended = false;
      while (!ended) {
        if (position == limit && fill() < 0) {
          throw new EOFException("the peer closed the connection inside a packet");
        }
        // take the run of buffered bytes up to '#' at once
        int end = position;
        while (end < limit && buffer[end] != '#') {
          sum += buffer[end] & 0xff;
          end++;
        }
        int count = end - position;
        if (size + count > maxPacket) {
          throw new RspProtocolException(
              "a packet of more than " + maxPacket + " bytes (the most this end takes)");
        }
        if (size + count > data.length) {
          data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + count));
        }
        System.arraycopy(buffer, position, data, size, count);
        size += count;
        position = end;
        if (end < limit) {
          position++; // the '#'
          ended = true;
        }
      }
      int high = Character.digit(next(), 16);
      int low = Character.digit(next(), 16);
      if (high < 0 || low < 0) {
        throw new RspProtocolException("a packet's checksum is not two hex digits");
      }
      if (((sum & 0xff) == (high << 4 | low))) {
        if (!noAck) {
          out.write('+');
          out.flush();
        }
        return java.util.Arrays.copyOf(data, size);
      }
      if (noAck || ++bad >= 3) {
        throw new RspProtocolException(
            String.format(
                "a packet's checksum is 0x%02x, its bytes sum to 0x%02x",
                high << 4 | low, sum & 0xff));
      }
      out.write('-');
      out.flush();
    }
  }

  private int fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n < 0) {
      return -1;
    }
    position = 0;
    limit = n;
    return n;
  }

  private int next() throws IOException {
    if (position == limit && fill() < 0) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  /** Sends the interrupt byte. */
  public void interrupt() throws IOException {
    out.write(INTERRUPT);
    out.flush();
  }

  @Override
  public void close() {
    try {
      resource.close();
    } catch (Exception e) {
      // nothing more to do with a connection that is going away
    }
  }

  // ---- encodings

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /**
   * @return {@code data} with run-length encoding undone ({@code X*n}: n - 29 more copies of X)
   * @throws RspProtocolException for a run without a byte before it or with a bad count
   */
  public static byte[] expandRuns(byte[] data) throws RspProtocolException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '*') {
        if (i == 0 || i + 1 >= data.length) {
          throw new RspProtocolException("a run-length '*' without a byte before or a count after");
        }
        int repeat = (data[i + 1] & 0xff) - 29;
        if (repeat < 0) {
          throw new RspProtocolException("a run-length count below 29");
        }
        byte last = data[i - 1];
        for (int r = 0; r < repeat; r++) {
          out.write(last);
        }
        i++;
      } else {
        out.write(data[i]);
      }
    }
    return out.toByteArray();
  }

  /**
   * @return the binary bytes {@code data[from..]} carry, escapes undone
   * @throws RspProtocolException for an escape at the very end
   */
  public static byte[] unescape(byte[] data, int from) throws RspProtocolException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length - from);
    for (int i = from; i < data.length; i++) {
      if (data[i] == '}') {
        if (++i >= data.length) {
          throw new RspProtocolException("binary data ends inside an escape");
        }
        out.write(data[i] ^ 0x20);
      } else {
        out.write(data[i]);
      }
    }
    return out.toByteArray();
  }

  /** Appends {@code data[offset..offset+length)} escaped for a binary packet to {@code out}. */
  public static void escape(byte[] data, int offset, int length, ByteArrayOutputStream out) {
    for (int i = offset; i < offset + length; i++) {
      int b = data[i] & 0xff;
      if (b == '#' || b == '$' || b == '}' || b == '*') {
        out.write('}');
        out.write(b ^ 0x20);
      } else {
        out.write(b);
      }
    }
  }

  /** Appends the bytes as lower-case hex pairs. */
  public static void hex(byte[] data, int offset, int length, ByteArrayOutputStream out) {
    for (int i = offset; i < offset + length; i++) {
      out.write(HEX[(data[i] >> 4) & 0xf]);
      out.write(HEX[data[i] & 0xf]);
    }
  }

  /**
   * @return the bytes the hex pairs {@code text[from..to)} spell
   * @throws RspProtocolException if they are not hex pairs
   */
  public static byte[] unhex(byte[] text, int from, int to) throws RspProtocolException {
    if ((to - from) % 2 != 0) {
      throw new RspProtocolException("an odd number of hex digits");
    }
    byte[] bytes = new byte[(to - from) / 2];
    for (int i = 0; i < bytes.length; i++) {
      int high = Character.digit(text[from + 2 * i], 16);
      int low = Character.digit(text[from + 2 * i + 1], 16);
      if (high < 0 || low < 0) {
        throw new RspProtocolException("not a hex digit in hex data");
      }
      bytes[i] = (byte) (high << 4 | low);
    }
    return bytes;
  }
}
