package org.flashstack.api.opentitan;

/**
 * The OpenTitan SPI_HOST register map (hw/ip/spi_host, registers.md): offsets, fields and reset
 * values as the documentation spells them. Drivers use these names; so does the model.
 */
public final class SpiHostRegisters {

  private SpiHostRegisters() {}

  /** Interrupt state: bit 0 error (rw1c), bit 1 spi_event (read-only level). */
  public static final int INTR_STATE = 0x00;

  /** Interrupt enable. */
  public static final int INTR_ENABLE = 0x04;

  /** Interrupt test (write-only). */
  public static final int INTR_TEST = 0x08;

  /** Alert test (write-only). */
  public static final int ALERT_TEST = 0x0c;

  /** Control: watermarks, OUTPUT_EN, SW_RST, SPIEN. */
  public static final int CONTROL = 0x10;

  /** Status (read-only). */
  public static final int STATUS = 0x14;

  /** Configuration options of the chip select the next command uses. */
  public static final int CONFIGOPTS = 0x18;

  /** Chip select of the next command. */
  public static final int CSID = 0x1c;

  /** Command: queues one segment (write-only). */
  public static final int COMMAND = 0x20;

  /** RX FIFO window (word reads only). */
  public static final int RXDATA = 0x24;

  /** TX FIFO window (byte, halfword or word writes). */
  public static final int TXDATA = 0x28;

  /** Which errors raise the error interrupt. */
  public static final int ERROR_ENABLE = 0x2c;

  /** Latched errors (rw1c); any set halts the controller until cleared. */
  public static final int ERROR_STATUS = 0x30;

  /** Which conditions raise spi_event. */
  public static final int EVENT_ENABLE = 0x34;

  /** Size of the register window. */
  public static final int WINDOW_SIZE = 0x38;

  /** INTR_STATE / INTR_ENABLE / INTR_TEST bit 0. */
  public static final int INTR_ERROR = 1;

  /** INTR_STATE / INTR_ENABLE / INTR_TEST bit 1. */
  public static final int INTR_SPI_EVENT = 1 << 1;

  /** CONTROL reset value: RX_WATERMARK = 127. */
  public static final int CONTROL_RESET = 0x7f;

  /** CONTROL.RX_WATERMARK shift (bits 7:0, in words). */
  public static final int CONTROL_RX_WATERMARK_SHIFT = 0;

  /** CONTROL.TX_WATERMARK shift (bits 15:8, in words). */
  public static final int CONTROL_TX_WATERMARK_SHIFT = 8;

  /** CONTROL.OUTPUT_EN. */
  public static final int CONTROL_OUTPUT_EN = 1 << 29;

  /** CONTROL.SW_RST. */
  public static final int CONTROL_SW_RST = 1 << 30;

  /** CONTROL.SPIEN. */
  public static final int CONTROL_SPIEN = 1 << 31;

  /** STATUS.TXQD shift (bits 7:0). */
  public static final int STATUS_TXQD_SHIFT = 0;

  /** STATUS.RXQD shift (bits 15:8). */
  public static final int STATUS_RXQD_SHIFT = 8;

  /** STATUS.CMDQD shift (bits 19:16). */
  public static final int STATUS_CMDQD_SHIFT = 16;

  /** STATUS.RXWM. */
  public static final int STATUS_RXWM = 1 << 20;

  /** STATUS.BYTEORDER: 1 = little endian. */
  public static final int STATUS_BYTEORDER = 1 << 22;

  /** STATUS.RXSTALL. */
  public static final int STATUS_RXSTALL = 1 << 23;

  /** STATUS.RXEMPTY. */
  public static final int STATUS_RXEMPTY = 1 << 24;

  /** STATUS.RXFULL. */
  public static final int STATUS_RXFULL = 1 << 25;

  /** STATUS.TXWM. */
  public static final int STATUS_TXWM = 1 << 26;

  /** STATUS.TXSTALL. */
  public static final int STATUS_TXSTALL = 1 << 27;

  /** STATUS.TXEMPTY. */
  public static final int STATUS_TXEMPTY = 1 << 28;

  /** STATUS.TXFULL. */
  public static final int STATUS_TXFULL = 1 << 29;

  /** STATUS.ACTIVE. */
  public static final int STATUS_ACTIVE = 1 << 30;

  /** STATUS.READY. */
  public static final int STATUS_READY = 1 << 31;

  /** CONFIGOPTS.CLKDIV mask (bits 15:0). */
  public static final int CONFIGOPTS_CLKDIV_MASK = 0xffff;

  /** CONFIGOPTS.CSNIDLE shift (bits 19:16). */
  public static final int CONFIGOPTS_CSNIDLE_SHIFT = 16;

  /** CONFIGOPTS.CSNTRAIL shift (bits 23:20). */
  public static final int CONFIGOPTS_CSNTRAIL_SHIFT = 20;

  /** CONFIGOPTS.CSNLEAD shift (bits 27:24). */
  public static final int CONFIGOPTS_CSNLEAD_SHIFT = 24;

  /** CONFIGOPTS.FULLCYC. */
  public static final int CONFIGOPTS_FULLCYC = 1 << 29;

  /** CONFIGOPTS.CPHA. */
  public static final int CONFIGOPTS_CPHA = 1 << 30;

  /** CONFIGOPTS.CPOL. */
  public static final int CONFIGOPTS_CPOL = 1 << 31;

  /** COMMAND (v3) CSAAT. */
  public static final int COMMAND_V3_CSAAT = 1;

  /** COMMAND (v3) SPEED shift (bits 2:1). */
  public static final int COMMAND_V3_SPEED_SHIFT = 1;

  /** COMMAND (v3) DIRECTION shift (bits 4:3). */
  public static final int COMMAND_V3_DIRECTION_SHIFT = 3;

  /** COMMAND (v3) LEN shift (bits 24:5). */
  public static final int COMMAND_V3_LEN_SHIFT = 5;

  /** COMMAND (v3) LEN mask after the shift (20 bits). */
  public static final int COMMAND_V3_LEN_MASK = 0xfffff;

  /** COMMAND (v2) LEN mask (bits 8:0). */
  public static final int COMMAND_V2_LEN_MASK = 0x1ff;

  /** COMMAND (v2) CSAAT (bit 9). */
  public static final int COMMAND_V2_CSAAT = 1 << 9;

  /** COMMAND (v2) SPEED shift (bits 11:10). */
  public static final int COMMAND_V2_SPEED_SHIFT = 10;

  /** COMMAND (v2) DIRECTION shift (bits 13:12). */
  public static final int COMMAND_V2_DIRECTION_SHIFT = 12;

  /** COMMAND.DIRECTION: dummy cycles. */
  public static final int DIRECTION_DUMMY = 0;

  /** COMMAND.DIRECTION: receive only. */
  public static final int DIRECTION_RX = 1;

  /** COMMAND.DIRECTION: transmit only. */
  public static final int DIRECTION_TX = 2;

  /** COMMAND.DIRECTION: bidirectional (standard speed only). */
  public static final int DIRECTION_BIDIR = 3;

  /** COMMAND.SPEED: standard. */
  public static final int SPEED_STANDARD = 0;

  /** COMMAND.SPEED: dual. */
  public static final int SPEED_DUAL = 1;

  /** COMMAND.SPEED: quad. */
  public static final int SPEED_QUAD = 2;

  /** ERROR_ENABLE / ERROR_STATUS.CMDBUSY. */
  public static final int ERROR_CMDBUSY = 1;

  /** ERROR_ENABLE / ERROR_STATUS.OVERFLOW. */
  public static final int ERROR_OVERFLOW = 1 << 1;

  /** ERROR_ENABLE / ERROR_STATUS.UNDERFLOW. */
  public static final int ERROR_UNDERFLOW = 1 << 2;

  /** ERROR_ENABLE / ERROR_STATUS.CMDINVAL. */
  public static final int ERROR_CMDINVAL = 1 << 3;

  /** ERROR_ENABLE / ERROR_STATUS.CSIDINVAL. */
  public static final int ERROR_CSIDINVAL = 1 << 4;

  /** ERROR_STATUS.ACCESSINVAL (cannot be masked). */
  public static final int ERROR_ACCESSINVAL = 1 << 5;

  /** ERROR_ENABLE reset value. */
  public static final int ERROR_ENABLE_RESET = 0x1f;

  /** EVENT_ENABLE.RXFULL. */
  public static final int EVENT_RXFULL = 1;

  /** EVENT_ENABLE.TXEMPTY. */
  public static final int EVENT_TXEMPTY = 1 << 1;

  /** EVENT_ENABLE.RXWM. */
  public static final int EVENT_RXWM = 1 << 2;

  /** EVENT_ENABLE.TXWM. */
  public static final int EVENT_TXWM = 1 << 3;

  /** EVENT_ENABLE.READY. */
  public static final int EVENT_READY = 1 << 4;

  /** EVENT_ENABLE.IDLE. */
  public static final int EVENT_IDLE = 1 << 5;

  /** TX FIFO depth in words. */
  public static final int TX_FIFO_WORDS = 72;

  /** RX FIFO depth in words. */
  public static final int RX_FIFO_WORDS = 64;

  /** Command FIFO depth in segments. */
  public static final int COMMAND_FIFO_DEPTH = 4;
}
