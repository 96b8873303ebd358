package org.flashstack.serprog;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.flashstack.api.spi.SpiException;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.api.spi.SpiMaster;
import org.flashstack.api.spi.SpiSegment;
import org.flashstack.api.spi.SpiSettings;

/**
 * An SPI controller that is a serprog programmer on TCP (a Raspberry Pi Pico running pico-serprog
 * behind a serial-to-TCP bridge, or FlashStack's own server): each transaction is one O_SPIOP, so
 * it may transmit, then receive, on one lane. A dummy segment is sent as don't-care bytes (8 clocks
 * each); receive before transmit, full duplex and dual or quad lanes are refused with an {@link
 * SpiException} saying so, as serprog cannot carry them.
 */
public final class SerprogSpiMaster implements SpiMaster, AutoCloseable {

  private final String bus;
  private final String address;
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final int maxLength;
  private int chipSelect = -1;
  private long frequency;

  private SerprogSpiMaster(String bus, String address, Socket socket) throws IOException {
    this.bus = bus;
    this.address = address;
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream());
    sync();
    int version = query(Serprog.CMD_Q_IFACE, 2);
    if (version != Serprog.INTERFACE_VERSION) {
      throw new IOException(address + ": serprog interface version " + version + ", not 1");
    }
    byte[] map = command(Serprog.CMD_Q_CMDMAP, new byte[0], 32);
    if ((map[Serprog.CMD_O_SPIOP / 8] & (1 << (Serprog.CMD_O_SPIOP % 8))) == 0) {
      throw new IOException(address + ": the programmer has no O_SPIOP, so no SPI");
    }
    if ((query(Serprog.CMD_Q_BUSTYPE, 1) & Serprog.BUS_SPI) == 0) {
      throw new IOException(address + ": the programmer does not drive SPI");
    }
    command(Serprog.CMD_S_BUSTYPE, new byte[] {(byte) Serprog.BUS_SPI}, 0);
    int limit = 0xffff;
    if ((map[Serprog.CMD_Q_RDNMAXLEN / 8] & (1 << (Serprog.CMD_Q_RDNMAXLEN % 8))) != 0) {
      int rd = query(Serprog.CMD_Q_RDNMAXLEN, 3);
      limit = rd == 0 ? 1 << 24 : rd;
    }
    maxLength = limit;
  }

  /**
   * Connects to the serprog programmer at {@code host:port} as SPI bus {@code bus}.
   *
   * @throws IOException if it cannot be reached, does not answer in time, or does not drive SPI
   */
  public static SerprogSpiMaster connect(String bus, String host, int port, Duration timeout)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      return new SerprogSpiMaster(bus, "serprog:" + host + ":" + port, socket);
    } catch (IOException e) {
      socket.close();
      throw new IOException("serprog:" + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private void sync() throws IOException {
    out.write(Serprog.CMD_SYNCNOP);
    out.flush();
    if (in.readUnsignedByte() != Serprog.NAK || in.readUnsignedByte() != Serprog.ACK) {
      throw new IOException(address + ": no NAK ACK to SYNCNOP: not a serprog programmer");
    }
  }

  private int query(int command, int bytes) throws IOException {
    byte[] answer = command(command, new byte[0], bytes);
    int value = 0;
    for (int i = 0; i < bytes; i++) {
      value |= (answer[i] & 0xff) << (8 * i);
    }
    return value;
  }

  private byte[] command(int command, byte[] arguments, int answer) throws IOException {
    out.write(command);
    out.write(arguments);
    out.flush();
    int ack = in.readUnsignedByte();
    if (ack != Serprog.ACK) {
      throw new IOException(
          String.format("%s: command 0x%02x answered 0x%02x, not ACK", address, command, ack));
    }
    byte[] data = new byte[answer];
    in.readFully(data);
    return data;
  }

  @Override
  public String bus() {
    return bus;
  }

  @Override
  public int chipSelects() {
    return 256;
  }

  @Override
  public synchronized void transfer(int chipSelect, SpiSettings settings, List<SpiSegment> segments)
      throws SpiException {
    java.io.ByteArrayOutputStream write = new java.io.ByteArrayOutputStream();
    int readLength = 0;
    for (SpiSegment segment : segments) {
      boolean receiving = readLength > 0;
      switch (segment.direction()) {
        case TRANSMIT, DUMMY -> {
          if (receiving) {
            throw refuse("a transmit after a receive");
          }
          if (segment.lanes() != SpiLanes.SINGLE) {
            throw refuse(segment.lanes() + " lanes");
          }
          if (segment.direction() == SpiSegment.Direction.DUMMY) {
            if (segment.length() % 8 != 0) {
              throw refuse(segment.length() + " dummy clocks (whole bytes only)");
            }
            write.write(new byte[segment.length() / 8], 0, segment.length() / 8);
          } else {
            write.write(segment.data(), segment.offset(), segment.length());
          }
        }
        case RECEIVE -> {
          if (segment.lanes() != SpiLanes.SINGLE) {
            throw refuse(segment.lanes() + " lanes");
          }
          readLength += segment.length();
        }
        case EXCHANGE -> throw refuse("full duplex");
      }
    }
    if (write.size() > maxLength || readLength > maxLength) {
      throw refuse("more than " + maxLength + " bytes one way");
    }
    try {
      if (chipSelect != this.chipSelect) {
        command(Serprog.CMD_S_SPI_CS, new byte[] {(byte) chipSelect}, 0);
        this.chipSelect = chipSelect;
      }
      if (settings.clockHertz() != frequency) {
        long hz = settings.clockHertz();
        command(
            Serprog.CMD_S_SPI_FREQ,
            new byte[] {(byte) hz, (byte) (hz >> 8), (byte) (hz >> 16), (byte) (hz >> 24)},
            4);
        frequency = hz;
      }
      byte[] sent = write.toByteArray();
      byte[] header = {
        (byte) Serprog.CMD_O_SPIOP,
        (byte) sent.length,
        (byte) (sent.length >> 8),
        (byte) (sent.length >> 16),
        (byte) readLength,
        (byte) (readLength >> 8),
        (byte) (readLength >> 16)
      };
      out.write(header);
      out.write(sent);
      out.flush();
      int ack = in.readUnsignedByte();
      if (ack != Serprog.ACK) {
        throw new SpiException(
            SpiException.Reason.CONTROLLER_ERROR,
            address + ": the programmer refused the SPI operation (NAK)");
      }
      byte[] received = new byte[readLength];
      in.readFully(received);
      int at = 0;
      for (SpiSegment segment : segments) {
        if (segment.direction() == SpiSegment.Direction.RECEIVE) {
          System.arraycopy(received, at, segment.data(), segment.offset(), segment.length());
          at += segment.length();
        }
      }
    } catch (EOFException e) {
      throw new SpiException(
          SpiException.Reason.CONTROLLER_ERROR,
          address + ": the programmer closed the connection",
          e);
    } catch (IOException e) {
      throw new SpiException(
          SpiException.Reason.CONTROLLER_ERROR, address + ": " + e.getMessage(), e);
    }
  }

  private SpiException refuse(String what) {
    return new SpiException(
        SpiException.Reason.INVALID_REQUEST, address + ": serprog cannot carry " + what);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
