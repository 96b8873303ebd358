package org.flashstack.driver.cfi.internal;

import java.nio.ByteOrder;
import org.flashstack.api.cfi.IntelCommandSet;
import org.flashstack.api.mmio.MmioDevice;

/**
 * How CFI devices sit on the bus, as the probe found them: {@code interleave} devices of {@code
 * deviceWidth} bytes side by side on a {@code bankWidth}-byte bus.
 */
record BusLayout(int bankWidth, int deviceWidth, ByteOrder byteOrder) {

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
  void command(MmioDevice bus, long address, int command) {
    bus.write(address, bankWidth, onEveryLane(command));
  }

  /** Clears the status register and returns every device to Read Array mode. */
  void returnToReadArray(MmioDevice bus) {
    command(bus, 0, IntelCommandSet.CLEAR_STATUS_REGISTER);
    command(bus, 0, IntelCommandSet.READ_ARRAY);
  }

  String describe() {
    return interleave()
        + " x"
        + 8 * deviceWidth
        + " on a "
        + 8 * bankWidth
        + "-bit bus"
        + (byteOrder == ByteOrder.BIG_ENDIAN ? ", big endian" : "");
  }
}
