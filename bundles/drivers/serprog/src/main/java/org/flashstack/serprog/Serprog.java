package org.flashstack.serprog;

/**
 * serprog's numbers, as flashrom's serprog protocol description (version 1) gives them: commands,
 * the two answers, the bus type bit.
 */
public final class Serprog {
  private Serprog() {}

  /** The command was done (followed by its return data). */
  public static final int ACK = 0x06;

  /** The command is not known or failed. */
  public static final int NAK = 0x15;

  public static final int CMD_NOP = 0x00;
  public static final int CMD_Q_IFACE = 0x01;
  public static final int CMD_Q_CMDMAP = 0x02;
  public static final int CMD_Q_PGMNAME = 0x03;
  public static final int CMD_Q_SERBUF = 0x04;
  public static final int CMD_Q_BUSTYPE = 0x05;
  public static final int CMD_Q_WRNMAXLEN = 0x08;
  public static final int CMD_SYNCNOP = 0x10;
  public static final int CMD_Q_RDNMAXLEN = 0x11;
  public static final int CMD_S_BUSTYPE = 0x12;
  public static final int CMD_O_SPIOP = 0x13;
  public static final int CMD_S_SPI_FREQ = 0x14;
  public static final int CMD_S_PIN_STATE = 0x15;
  public static final int CMD_S_SPI_CS = 0x16;

  /** The interface version Q_IFACE answers. */
  public static final int INTERFACE_VERSION = 1;

  /** Q_BUSTYPE / S_BUSTYPE: the SPI bit. */
  public static final int BUS_SPI = 0x08;

  /** The commands a FlashStack server supports, for Q_CMDMAP. */
  static final int[] SUPPORTED = {
    CMD_NOP,
    CMD_Q_IFACE,
    CMD_Q_CMDMAP,
    CMD_Q_PGMNAME,
    CMD_Q_SERBUF,
    CMD_Q_BUSTYPE,
    CMD_Q_WRNMAXLEN,
    CMD_SYNCNOP,
    CMD_Q_RDNMAXLEN,
    CMD_S_BUSTYPE,
    CMD_O_SPIOP,
    CMD_S_SPI_FREQ,
    CMD_S_PIN_STATE,
    CMD_S_SPI_CS
  };
}
