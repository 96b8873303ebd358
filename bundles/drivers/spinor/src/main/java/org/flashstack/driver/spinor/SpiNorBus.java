package org.flashstack.driver.spinor;

import java.util.ArrayList;
import java.util.List;
import org.flashstack.api.clock.Deadline;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.spi.SpiDevice;
import org.flashstack.api.spi.SpiException;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.api.spi.SpiSegment;

/**
 * The SPI NOR command transactions the driver uses, over one {@link SpiDevice}, with controller
 * failures turned into {@link FlashException}s that name the device and operation.
 */
final class SpiNorBus {

  /** Status register 1, bit 0: write in progress. */
  static final int SR1_WIP = 1;

  /** Status register 1, bit 1: write enable latch. */
  static final int SR1_WEL = 1 << 1;

  static final int WRITE_ENABLE = 0x06;
  static final int READ_STATUS_1 = 0x05;
  static final int READ_STATUS_2 = 0x35;
  static final int WRITE_STATUS = 0x01;
  static final int READ_JEDEC_ID = 0x9f;
  static final int READ_SFDP = 0x5a;
  static final int FAST_READ = 0x0b;
  static final int PAGE_PROGRAM = 0x02;
  static final int RELEASE_POWER_DOWN = 0xab;
  static final int RESET_ENABLE = 0x66;
  static final int RESET = 0x99;

  private final SpiDevice device;
  private final EmulatedClock clock;

  SpiNorBus(SpiDevice device, EmulatedClock clock) {
    this.device = device;
    this.clock = clock;
  }

  String name() {
    return device.name();
  }

  EmulatedClock clock() {
    return clock;
  }

  /** Lets at least {@code nanos} pass on the clock (a datasheet delay such as tRES1 or tRST). */
  void delay(long nanos) {
    long deadline = clock.now() + nanos;
    for (long left = nanos; left > 0; left = deadline - clock.now()) {
      clock.pause(left);
    }
  }

  SpiDevice device() {
    return device;
  }

  void transfer(String operation, long address, List<SpiSegment> segments) throws FlashException {
    try {
      device.transfer(segments);
    } catch (SpiException e) {
      FlashError error =
          switch (e.reason()) {
            case TIMEOUT -> FlashError.TIMEOUT;
            case UNAVAILABLE -> FlashError.UNAVAILABLE;
            case POWER_LOST -> FlashError.POWER_LOST;
            default -> FlashError.DEVICE_FAULT;
          };
      throw new FlashException(error, device.name(), operation, address, e.getMessage(), e);
    }
  }

  void command(String operation, int... bytes) throws FlashException {
    byte[] data = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      data[i] = (byte) bytes[i];
    }
    transfer(operation, 0, List.of(SpiSegment.transmit(data)));
  }

  byte[] query(String operation, int opcode, int length) throws FlashException {
    byte[] out = new byte[length];
    transfer(
        operation,
        0,
        List.of(
            SpiSegment.transmit((byte) opcode),
            SpiSegment.receive(SpiLanes.SINGLE, out, 0, length)));
    return out;
  }

  int register(String operation, int opcode) throws FlashException {
    return query(operation, opcode, 1)[0] & 0xff;
  }

  static byte[] address(long address, int bytes) {
    byte[] out = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      out[i] = (byte) (address >>> (8 * (bytes - 1 - i)));
    }
    return out;
  }

  /** Instruction on one lane, address on its lanes, wait clocks, data in on its lanes. */
  void read(
      String operation,
      int opcode,
      long address,
      int addressBytes,
      SpiLanes addressLanes,
      int waitClocks,
      SpiLanes dataLanes,
      byte[] destination,
      int offset,
      int length)
      throws FlashException {
    List<SpiSegment> segments = new ArrayList<>(4);
    byte[] addressField = address(address, addressBytes);
    if (addressLanes == SpiLanes.SINGLE) {
      byte[] head = new byte[1 + addressBytes];
      head[0] = (byte) opcode;
      System.arraycopy(addressField, 0, head, 1, addressBytes);
      segments.add(SpiSegment.transmit(head));
    } else {
      segments.add(SpiSegment.transmit((byte) opcode));
      segments.add(SpiSegment.transmit(addressLanes, addressField, 0, addressBytes));
    }
    if (waitClocks > 0) {
      segments.add(SpiSegment.dummy(waitClocks));
    }
    segments.add(SpiSegment.receive(dataLanes, destination, offset, length));
    transfer(operation, address, segments);
  }

  /**
   * Status register 1; all ones is a floating bus, not a status: the chip is gone or does not
   * answer.
   */
  int status(String operation, long address) throws FlashException {
    int status = register(operation, READ_STATUS_1);
    if (status == 0xff) {
      throw new FlashException(
          FlashError.UNAVAILABLE,
          device.name(),
          operation,
          address,
          String.format(
              "the chip does not answer on %s chip select %d (status reads ff)",
              device.bus(), device.chipSelect()));
    }
    return status;
  }

  /** WREN, then checks that WEL latched. */
  void writeEnable(String operation, long address) throws FlashException {
    command(operation, WRITE_ENABLE);
    if ((status(operation, address) & SR1_WEL) == 0) {
      throw new FlashException(
          FlashError.DEVICE_FAULT,
          device.name(),
          operation,
          address,
          "the write enable latch (SR1 bit 1) did not set after WREN (06h)");
    }
  }

  /** Polls status register 1 until WIP clears, within {@code timeoutNanos} on the clock. */
  void waitReady(String operation, long address, long timeoutNanos) throws FlashException {
    Deadline deadline = Deadline.after(clock, timeoutNanos);
    long step = Math.max(1_000, timeoutNanos / 256);
    while (true) {
      // the time before the status: a read made after the limit decides (see Deadline)
      boolean late = deadline.passed();
      if ((status(operation, address) & SR1_WIP) == 0) {
        return;
      }
      if (late) {
        throw new FlashException(
            FlashError.TIMEOUT,
            device.name(),
            operation,
            address,
            String.format(
                "still busy (SR1 WIP) after %d us, the table's maximum", timeoutNanos / 1000));
      }
      // a whole step: a pause that another device's instant ends early is resumed, so the chip
      // is polled once per step and not at every event on the clock
      delay(step);
    }
  }
}
