package org.flashstack.serprog;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.flashstack.net.SocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serprog programmer on TCP (flashrom's {@code -p serprog:ip=<host>:<port>}) in front of a {@link
 * SerprogBus}: flashrom probes, reads, erases, writes and verifies the chips behind it with O_SPIOP
 * transactions. One client at a time is served per connection, each on a thread of {@code
 * executor}; a command out of the table or failed gets NAK; lengths past {@link #MAX_LENGTH}, or a
 * client silent for {@link #IDLE_MILLIS} mid-command, end that connection and no other.
 */
public final class SerprogServer implements AutoCloseable {

  /** The most an O_SPIOP writes or reads (also what Q_WRNMAXLEN and Q_RDNMAXLEN answer). */
  public static final int MAX_LENGTH = 1 << 16;

  /** How long a client may stay silent before its connection is closed. */
  public static final int IDLE_MILLIS = 300_000;

  private static final Logger LOG = LoggerFactory.getLogger(SerprogServer.class);

  private final SerprogBus bus;
  private final AtomicLong operations = new AtomicLong();
  private SocketServer socket;

  private SerprogServer(SerprogBus bus) {
    this.bus = bus;
  }

  /**
   * Starts serving {@code bus} on {@code address:port} (port 0: any free one).
   *
   * @throws IOException if the port cannot be bound
   */
  public static SerprogServer start(
      SerprogBus bus, InetAddress address, int port, ExecutorService executor) throws IOException {
    SerprogServer server = new SerprogServer(bus);
    server.socket =
        SocketServer.start(
            "serprog server for " + bus.name(),
            address,
            port,
            IDLE_MILLIS,
            executor,
            server::serve);
    return server;
  }

  /**
   * @return the bus it serves
   */
  public String bus() {
    return bus.name();
  }

  /**
   * @return where it listens: {@code 127.0.0.1:2000}
   */
  public String address() {
    return socket.address();
  }

  /**
   * @return the port
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
   * @return how many SPI operations it ran
   */
  public long operations() {
    return operations.get();
  }

  private void serve(Socket client) throws IOException {
    String peer = String.valueOf(client.getRemoteSocketAddress());
    InputStream in = new BufferedInputStream(client.getInputStream(), 1 << 16);
    OutputStream out = new BufferedOutputStream(client.getOutputStream(), 1 << 16);
    Session session = new Session(in, out);
    try {
      while (!socket.isClosed()) {
        int command = in.read();
        if (command < 0) {
          return;
        }
        session.run(command);
        if (in.available() == 0) {
          out.flush();
        }
      }
    } catch (SocketTimeoutException e) {
      LOG.info("serprog server for {}: {} silent too long; closed", bus.name(), peer);
    } finally {
      out.flush();
    }
  }

  /** One client's state: the chip select it chose. */
  private final class Session {
    private final InputStream in;
    private final OutputStream out;
    private int chipSelect;

    Session(InputStream in, OutputStream out) {
      this.in = in;
      this.out = out;
    }

    void run(int command) throws IOException {
      switch (command) {
        case Serprog.CMD_NOP -> out.write(Serprog.ACK);
        case Serprog.CMD_Q_IFACE -> {
          out.write(Serprog.ACK);
          little(Serprog.INTERFACE_VERSION, 2);
        }
        case Serprog.CMD_Q_CMDMAP -> {
          out.write(Serprog.ACK);
          byte[] map = new byte[32];
          for (int supported : Serprog.SUPPORTED) {
            map[supported / 8] |= (byte) (1 << (supported % 8));
          }
          out.write(map);
        }
        case Serprog.CMD_Q_PGMNAME -> {
          out.write(Serprog.ACK);
          byte[] name = new byte[16];
          byte[] text = "FlashStack".getBytes(StandardCharsets.US_ASCII);
          System.arraycopy(text, 0, name, 0, text.length);
          out.write(name);
        }
        case Serprog.CMD_Q_SERBUF -> {
          out.write(Serprog.ACK);
          little(0xffff, 2);
        }
        case Serprog.CMD_Q_BUSTYPE -> {
          out.write(Serprog.ACK);
          out.write(Serprog.BUS_SPI);
        }
        case Serprog.CMD_Q_WRNMAXLEN, Serprog.CMD_Q_RDNMAXLEN -> {
          out.write(Serprog.ACK);
          little(MAX_LENGTH, 3);
        }
        case Serprog.CMD_SYNCNOP -> {
          out.write(Serprog.NAK);
          out.write(Serprog.ACK);
        }
        case Serprog.CMD_S_BUSTYPE ->
            out.write((read(1) & Serprog.BUS_SPI) != 0 ? Serprog.ACK : Serprog.NAK);
        case Serprog.CMD_S_SPI_FREQ -> {
          long hertz = read(4);
          if (hertz == 0) {
            out.write(Serprog.NAK);
          } else {
            out.write(Serprog.ACK);
            little(hertz, 4);
          }
        }
        case Serprog.CMD_S_PIN_STATE -> {
          read(1);
          out.write(Serprog.ACK);
        }
        case Serprog.CMD_S_SPI_CS -> {
          int wanted = (int) read(1);
          if (bus.hasChipSelect(wanted)) {
            chipSelect = wanted;
            out.write(Serprog.ACK);
          } else {
            out.write(Serprog.NAK);
          }
        }
        case Serprog.CMD_O_SPIOP -> spiOperation();
        default -> out.write(Serprog.NAK);
      }
    }

    private void spiOperation() throws IOException {
      int writeLength = (int) read(3);
      int readLength = (int) read(3);
      if (writeLength > MAX_LENGTH || readLength > MAX_LENGTH) {
        out.write(Serprog.NAK);
        out.flush();
        throw new IOException(
            "an O_SPIOP of "
                + writeLength
                + " bytes out, "
                + readLength
                + " in: more than "
                + MAX_LENGTH);
      }
      byte[] write = in.readNBytes(writeLength);
      if (write.length != writeLength) {
        throw new EOFException("the client left inside an O_SPIOP");
      }
      byte[] received = new byte[readLength];
      try {
        if (writeLength + readLength > 0) {
          bus.transfer(chipSelect, write, received);
        }
      } catch (IOException | RuntimeException e) {
        LOG.info(
            "serprog server for {}: O_SPIOP on CS{} failed: {}",
            bus.name(),
            chipSelect,
            e.getMessage());
        out.write(Serprog.NAK);
        return;
      }
      operations.incrementAndGet();
      out.write(Serprog.ACK);
      out.write(received);
    }

    private long read(int bytes) throws IOException {
      long value = 0;
      for (int i = 0; i < bytes; i++) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("the client left inside a command");
        }
        value |= (long) b << (8 * i);
      }
      return value;
    }

    private void little(long value, int bytes) throws IOException {
      for (int i = 0; i < bytes; i++) {
        out.write((int) (value >>> (8 * i)) & 0xff);
      }
    }
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    socket.close();
  }
}
