package org.flashstack.driver.cfi.internal;

import static org.flashstack.api.cfi.CfiQueryOffsets.*;
import static org.flashstack.api.cfi.IntelCommandSet.IDENTIFIER_DEVICE;
import static org.flashstack.api.cfi.IntelCommandSet.IDENTIFIER_MANUFACTURER;
import static org.flashstack.api.cfi.IntelCommandSet.READ_ARRAY;
import static org.flashstack.api.cfi.IntelCommandSet.READ_IDENTIFIER;
import static org.flashstack.api.cfi.IntelCommandSet.READ_QUERY;

import java.nio.ByteOrder;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashIdentity;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;

/**
 * Finds out, through MMIO only, how CFI devices sit on a bus and what their query table says: for
 * each bank width (the one the device announces, else 4, 2, 1 bytes) and each interleave, send Read
 * Query on every lane and look for "QRY" on every lane, as Linux's cfi_probe does.
 */
final class CfiProbe {
  private CfiProbe() {}

  /** The largest query address read: the table and its primary extended table live below it. */
  private static final int QUERY_LIMIT = 0x100;

  /**
   * Read Array writes before a probe: enough to end a buffered program of the largest write buffer
   * CFI can describe for an x16 device here (1 KiB, 512 words), plus its confirm.
   */
  private static final int SETTLE_WRITES = 514;

  /** How long a probe waits for an operation a previous owner started. */
  private static final long SETTLE_LIMIT_NANOS = 60_000_000_000L;

  /** What the probe learned. */
  record Result(BusLayout layout, CfiQuery query, FlashIdentity identity) {}

  /**
   * @param bankWidth the width the device announces, or 0 to try 4, 2 and 1 bytes
   * @throws FlashException NOT_SUPPORTED if no layout answers a query, DEVICE_FAULT if the table is
   *     inconsistent
   */
  static Result probe(MmioBus device, int bankWidth, ByteOrder byteOrder, EmulatedClock clock)
      throws FlashException {
    return device.exclusive(
        bus -> {
          int[] widths = bankWidth > 0 ? new int[] {bankWidth} : new int[] {4, 2, 1};
          for (int width : widths) {
            for (int deviceWidth = width; deviceWidth >= 1; deviceWidth /= 2) {
              BusLayout layout = new BusLayout(width, deviceWidth, byteOrder);
              if (settles(bus, layout, clock) && answersQuery(bus, layout)) {
                try {
                  CfiQuery query = readQuery(bus, layout);
                  FlashIdentity identity = identify(bus, layout, query);
                  return new Result(layout, query, identity);
                } finally {
                  layout.returnToReadArray(bus);
                }
              }
            }
          }
          throw new FlashException(
              FlashError.NOT_SUPPORTED,
              device.name(),
              "probe",
              -1,
              "no CFI query answer (\"QRY\") at any bank width and interleave tried "
                  + java.util.Arrays.toString(widths));
        });
  }

  private static boolean settles(MmioBus bus, BusLayout layout, EmulatedClock clock) {
    try {
      return layout.settle(bus, SETTLE_WRITES, clock, SETTLE_LIMIT_NANOS);
    } catch (MmioAccessException refused) {
      return false;
    }
  }

  private static boolean answersQuery(MmioBus bus, BusLayout layout) {
    int width = layout.bankWidth();
    try {
      layout.command(bus, 0, READ_ARRAY);
      layout.command(bus, (long) QUERY_COMMAND_ADDRESS * width, READ_QUERY);
      String expected = "QRY";
      for (int i = 0; i < expected.length(); i++) {
        long value = bus.read((long) (QUERY_UNIQUE_STRING + i) * width, width);
        if (value != layout.onEveryLane(expected.charAt(i))) {
          layout.returnToReadArray(bus);
          return false;
        }
      }
      return true;
    } catch (MmioAccessException refused) {
      return false;
    }
  }

  private static CfiQuery readQuery(MmioBus bus, BusLayout layout) throws FlashException {
    byte[] raw = new byte[QUERY_LIMIT];
    for (int address = 0; address < QUERY_LIMIT; address++) {
      long value = bus.read((long) address * layout.bankWidth(), layout.bankWidth());
      int device0 = layout.lane(value, 0);
      if (value != layout.onEveryLane(device0)) {
        throw new FlashException(
            FlashError.DEVICE_FAULT,
            bus.name(),
            "probe",
            (long) address * layout.bankWidth(),
            String.format(
                "the interleaved devices disagree at query address 0x%02x (bus value 0x%x)",
                address, value));
      }
      raw[address] = (byte) device0;
    }
    return CfiQueryDecoder.decode(bus.name(), layout, raw);
  }

  private static FlashIdentity identify(MmioBus bus, BusLayout layout, CfiQuery query) {
    int width = layout.bankWidth();
    layout.command(bus, 0, READ_IDENTIFIER);
    int manufacturer =
        layout.lane(bus.read((long) IDENTIFIER_MANUFACTURER * width, width), 0) & 0xff;
    int device = layout.lane(bus.read((long) IDENTIFIER_DEVICE * width, width), 0);
    String description =
        String.format(
            "CFI %s (0x%04x), %s",
            CfiQuery.commandSetName(query.primaryCommandSet()),
            query.primaryCommandSet(),
            layout.describe());
    return new FlashIdentity(manufacturer, device, description);
  }
}
