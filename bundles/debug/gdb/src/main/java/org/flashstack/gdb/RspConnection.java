package org.flashstack.gdb;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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

  /** Where a packet's data is gathered; it grows to the largest packet seen. */
  private byte[] packet = new byte[256];

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
    send(data, 0, length);
  }

  /** Sends {@code data[offset..offset+length)} as a packet, as {@link #send(byte[], int)} does. */
  public void send(byte[] data, int offset, int length) throws IOException {
    long sum = ByteScan.sum(data, offset, offset + length);
    for (int attempt = 0; ; attempt++) {
      out.write('$');
      out.write(data, offset, length);
      out.write('#');
      out.write(HEX[(int) (sum >> 4) & 0xf]);
      out.write(HEX[(int) sum & 0xf]);
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
    int size = receiveInPlace();
    return size < 0 ? null : Arrays.copyOf(packet, size);
  }

  /**
   * Reads the next packet as {@link #receive()} does, into this connection's own array: its data
   * are {@link #packetData()}{@code [0..returned)}, good until the next receive.
   *
   * @return the packet's length, or -1 for an interrupt
   */
  public int receiveInPlace() throws IOException {
    int bad = 0;
    while (true) {
      int b = next();
      if (b < 0) {
        throw new EOFException("the peer closed the connection");
      }
      if (b == INTERRUPT) {
        return -1;
      }
      if (b != '$') {
        continue;
      }
      int size = 0;
      long sum = 0;
      boolean ended = false;
      while (!ended) {
        if (position == limit && fill() < 0) {
          throw new EOFException("the peer closed the connection inside a packet");
        }
        // take the run of buffered bytes up to '#' at once
        int end = ByteScan.indexOfHash(buffer, position, limit);
        int count = end - position;
        if (size + count > maxPacket) {
          throw new RspProtocolException(
              "a packet of more than " + maxPacket + " bytes (the most this end takes)");
        }
        if (size + count > packet.length) {
          packet = Arrays.copyOf(packet, Math.max(packet.length * 2, size + count));
        }
        sum += ByteScan.sum(buffer, position, end);
        System.arraycopy(buffer, position, packet, size, count);
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
        return size;
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

  /**
   * @return the array {@link #receiveInPlace()} reads packets into
   */
  public byte[] packetData() {
    return packet;
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
    byte[] out = new byte[data.length];
    int size = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] != '*') {
        if (size == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        out[size++] = data[i];
        continue;
      }
      if (i == 0 || i + 1 >= data.length) {
        throw new RspProtocolException("a run-length '*' without a byte before or a count after");
      }
      int repeat = (data[i + 1] & 0xff) - 29;
      if (repeat < 0) {
        throw new RspProtocolException("a run-length count below 29");
      }
      if (size + repeat > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, size + repeat));
      }
      Arrays.fill(out, size, size + repeat, data[i - 1]);
      size += repeat;
      i++;
    }
    return size == out.length ? out : Arrays.copyOf(out, size);
  }

  /**
   * Undoes the escapes of the binary bytes {@code data[from..to)} in place: they end up in {@code
   * data[from..returned)}.
   *
   * @return where the unescaped bytes end
   * @throws RspProtocolException for an escape at the very end
   */
  public static int unescapeInPlace(byte[] data, int from, int to) throws RspProtocolException {
    int size = from;
    int i = from;
    while (i < to) {
      int brace = ByteScan.indexOfBrace(data, i, to);
      if (size != i) {
        System.arraycopy(data, i, data, size, brace - i);
      }
      size += brace - i;
      if (brace == to) {
        break;
      }
      if (brace + 1 >= to) {
        throw new RspProtocolException("binary data ends inside an escape");
      }
      data[size++] = (byte) (data[brace + 1] ^ 0x20);
      i = brace + 2;
    }
    return size;
  }

  /**
   * @return whether a binary packet must escape {@code b} (<code>#</code>, {@code $}, <code>}
   *     </code>, {@code *})
   */
  static boolean needsEscape(int b) {
    return b == '#' || b == '$' || b == '}' || b == '*';
  }

  /**
   * @return the bytes as lower-case hex pairs
   */
  public static byte[] hex(byte[] data, int offset, int length) {
    byte[] out = new byte[length * 2];
    hexInto(data, offset, length, out, 0);
    return out;
  }

  /** Writes {@code data[offset..offset+length)} as hex pairs into {@code out} from {@code at}. */
  private static void hexInto(byte[] data, int offset, int length, byte[] out, int at) {
    for (int i = 0; i < length; i++) {
      int b = data[offset + i];
      out[at + 2 * i] = HEX[(b >> 4) & 0xf];
      out[at + 2 * i + 1] = HEX[b & 0xf];
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

  /** A packet's data being put together: room for a header, then hex or escaped binary bytes. */
  public static final class Builder {
    private byte[] bytes;
    private int size;

    /**
     * @param capacity the bytes to reserve (it grows past them if asked to)
     */
    public Builder(int capacity) {
      bytes = new byte[Math.max(16, capacity)];
    }

    /** Appends {@code data[offset..offset+length)} as hex pairs. */
    public Builder hex(byte[] data, int offset, int length) {
      ensure(2 * length);
      hexInto(data, offset, length, bytes, size);
      size += 2 * length;
      return this;
    }

    /**
     * Appends as many of {@code data[offset..offset+length)} as fit, escaped for a binary packet,
     * without the data growing past {@code limit} bytes.
     *
     * @return how many of the bytes it took
     */
    public int escaped(byte[] data, int offset, int length, int limit) {
      ensure(Math.max(0, Math.min(limit, size + 2 * length) - size));
      int i = offset;
      int end = offset + length;
      while (i < end && size < limit) {
        int special = ByteScan.indexOfEscapable(data, i, Math.min(end, i + (limit - size)));
        System.arraycopy(data, i, bytes, size, special - i);
        size += special - i;
        i = special;
        if (i == end || size >= limit || !needsEscape(data[i] & 0xff)) {
          continue;
        }
        if (size + 2 > limit) {
          break;
        }
        bytes[size++] = '}';
        bytes[size++] = (byte) (data[i] ^ 0x20);
        i++;
      }
      return i - offset;
    }

    /** Empties it, keeping its array. */
    public Builder reset() {
      size = 0;
      return this;
    }

    /** Leaves {@code count} bytes of room at the start, for a header written last. */
    public Builder skip(int count) {
      ensure(count);
      size += count;
      return this;
    }

    /**
     * Writes {@code ascii} just before {@code at} (room left by {@link #skip}).
     *
     * @return where the packet now starts
     */
    public int prepend(int at, String ascii) {
      int start = at - ascii.length();
      if (start < 0) {
        throw new IllegalArgumentException("no room for the header '" + ascii + "'");
      }
      for (int i = 0; i < ascii.length(); i++) {
        bytes[start + i] = (byte) ascii.charAt(i);
      }
      return start;
    }

    /**
     * @return the data bytes so far (the first {@link #size()} of the array)
     */
    public byte[] array() {
      return bytes;
    }

    /**
     * @return how many data bytes it holds
     */
    public int size() {
      return size;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }
}
