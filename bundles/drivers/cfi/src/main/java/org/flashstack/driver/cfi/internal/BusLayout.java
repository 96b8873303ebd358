package org.flashstack.driver.cfi.internal;

import java.nio.ByteOrder;
import org.flashstack.api.cfi.AmdCommandSet;
import org.flashstack.api.cfi.IntelCommandSet;
import org.flashstack.api.clock.Deadline;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.mmio.MmioBus;

/**
 * How CFI devices sit on the bus, as the probe found them: {@code interleave} devices of {@code
 * deviceWidth} bytes side by side on a {@code bankWidth}-byte bus, each taking its command and
 * query addresses in units of {@code addressUnit} device bytes (its width, or 2 for an x8/x16 part
 * in byte mode, whose A-1 is the lowest address line).
 */
record BusLayout(int bankWidth, int deviceWidth, ByteOrder byteOrder, int addressUnit) {

  BusLayout(int bankWidth, int deviceWidth, ByteOrder byteOrder) {
    this(bankWidth, deviceWidth, byteOrder, deviceWidth);
  }

  /**
   * @return the bus offset of device word (command or query) address {@code address}; in byte mode
   *     the datasheets' byte addresses, A-1 being the low bit: 0x555 and 0x55 become 0xAAA and
   *     0xAA, and the second unlock cycle's 0x2AA becomes 0x555
   */
  long busAddress(long address) {
    long device = address * addressUnit;
    if (byteMode() && address == AmdCommandSet.UNLOCK2_ADDRESS) {
      device |= 1;
    }
    return device / deviceWidth * bankWidth;
  }

  /**
   * @return whether the devices are x8/x16 parts in byte mode
   */
  boolean byteMode() {
    return addressUnit > deviceWidth;
  }

  int interleave() {
    return bankWidth / deviceWidth;
  }

  /**
   * @return the mask of one device's lane
   */
  long laneMask() {
    return (1L << (8 * deviceWidth)) - 1;
  }

  /**
   * @return {@code value} on every device's lane: a command every device receives
   */
  long onEveryLane(int value) {
    long bus = 0;
    for (int lane = 0; lane < interleave(); lane++) {
      bus |= (value & laneMask()) << (8 * deviceWidth * lane);
    }
    return bus;
  }

  /**
   * @return the value of device {@code lane} in a bus value
   */
  int lane(long busValue, int lane) {
    return (int) ((busValue >>> (8 * deviceWidth * lane)) & laneMask());
  }

  /**
   * @return the bus value of the {@code bankWidth} bytes at {@code data[from..]}
   */
  long busValue(byte[] data, int from) {
    long value = 0;
    for (int i = 0; i < bankWidth; i++) {
      int shift = byteOrder == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (bankWidth - 1 - i);
      value |= (data[from + i] & 0xffL) << shift;
    }
    return value;
  }

  /** Writes {@code command} on every device's lane at {@code address}. */
  void command(MmioBus bus, long address, int command) {
    bus.write(address, bankWidth, onEveryLane(command));
  }

  /** Clears the status register and returns every device to Read Array mode. */
  void returnToReadArray(MmioBus bus) {
    command(bus, 0, IntelCommandSet.CLEAR_STATUS_REGISTER);
    command(bus, 0, IntelCommandSet.READ_ARRAY);
  }

  /**
   * Ends whatever a previous owner left half-issued and waits out an operation in progress: Read
   * Array {@code readArrayWrites} times (as data it programs nothing, as a confirm or a lock
   * command it is refused, so a multi-cycle sequence ends), then Read Status Register polled until
   * SR.7 is set on every device or {@code limitNanos} pass on the clock, then Clear Status and Read
   * Array.
   *
   * @return whether the devices reported ready
   */
  boolean settle(MmioBus bus, int readArrayWrites, EmulatedClock clock, long limitNanos) {
    long allOnes = bankWidth == 8 ? -1L : (1L << (8 * bankWidth)) - 1;
    for (int i = 0; i < readArrayWrites; i++) {
      bus.write(0, bankWidth, allOnes);
    }
    command(bus, 0, IntelCommandSet.READ_STATUS_REGISTER);
    Deadline deadline = Deadline.after(clock, limitNanos);
    boolean ready;
    while (true) {
      // the time before the status: a read made after the limit decides (see Deadline)
      boolean late = deadline.passed();
      ready = allReady(bus.read(0, bankWidth));
      if (ready || late) {
        break;
      }
      clock.pause(Math.max(1_000, Math.min(10_000_000, deadline.remaining())));
    }
    returnToReadArray(bus);
    return ready;
  }

  /**
   * @return whether SR.7 is set on every device's lane of a status read
   */
  boolean allReady(long statusValue) {
    for (int lane = 0; lane < interleave(); lane++) {
      if ((lane(statusValue, lane) & IntelCommandSet.SR7_READY) == 0) {
        return false;
      }
    }
    return true;
  }

  String describe() {
    return interleave()
        + " x"
        + 8 * deviceWidth
        + (byteMode() ? " (byte mode)" : "")
        + " on a "
        + 8 * bankWidth
        + "-bit bus"
        + (byteOrder == ByteOrder.BIG_ENDIAN ? ", big endian" : "");
  }
}
