package org.flashstack.driver.cfi.internal;

import static org.flashstack.api.cfi.AmdCommandSet.*;
import static org.flashstack.api.cfi.CfiQueryOffsets.*;
import static org.flashstack.api.cfi.IntelCommandSet.CLEAR_STATUS_REGISTER;
import static org.flashstack.api.cfi.IntelCommandSet.IDENTIFIER_DEVICE;
import static org.flashstack.api.cfi.IntelCommandSet.IDENTIFIER_MANUFACTURER;
import static org.flashstack.api.cfi.IntelCommandSet.READ_ARRAY;
import static org.flashstack.api.cfi.IntelCommandSet.READ_IDENTIFIER;
import static org.flashstack.api.cfi.IntelCommandSet.READ_QUERY;
import static org.flashstack.api.cfi.IntelCommandSet.READ_STATUS_REGISTER;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.clock.Deadline;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashIdentity;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioBus;

/**
 * Finds out, through MMIO only, how CFI devices sit on a bus, which command set they speak and what
 * their query table says. For each bank width (the one the device announces, else 4, 2, 1 bytes),
 * each interleave and, for 8-bit lanes, word or byte addressing: end whatever a previous owner left
 * half-issued in either command set, send Read Query on every lane and look for "QRY" on every
 * lane, as Linux's cfi_probe does. The query comes before any status polling, because an idle AMD
 * device reading its array and an idle Intel device reading its status look alike; a device busy
 * with a previous owner's program or erase answers no query, and is waited for (Intel: SR.7; AMD:
 * DQ6 stops toggling) before the query is asked again.
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
   *     inconsistent, TIMEOUT if a device stayed busy
   */
  static Result probe(MmioBus device, int bankWidth, ByteOrder byteOrder, EmulatedClock clock)
      throws FlashException {
    return device.exclusive(
        bus -> {
          int[] widths = bankWidth > 0 ? new int[] {bankWidth} : new int[] {4, 2, 1};
          List<String> stayedBusy = new ArrayList<>();
          for (BusLayout layout : layouts(widths, byteOrder)) {
            if (!reset(bus, layout)) {
              continue;
            }
            if (!answersQuery(bus, layout)) {
              Busy busy = waitIfBusy(bus, layout, clock);
              if (busy == Busy.STAYED_BUSY) {
                stayedBusy.add(layout.describe());
              }
              if (busy != Busy.WAS_BUSY || !reset(bus, layout)) {
                continue;
              }
              if (!answersQuery(bus, layout)) {
                continue;
              }
            }
            CfiQuery query;
            try {
              query = readQuery(bus, layout);
            } finally {
              reset(bus, layout);
            }
            try {
              return new Result(layout, query, identify(bus, layout, query));
            } finally {
              reset(bus, layout);
            }
          }
          throw new FlashException(
              FlashError.NOT_SUPPORTED,
              device.name(),
              "probe",
              -1,
              "no CFI query answer (\"QRY\") at any bank width and interleave tried "
                  + java.util.Arrays.toString(widths)
                  + (stayedBusy.isEmpty()
                      ? ""
                      : "; looking busy for longer than any program or erase takes as "
                          + String.join(", ", stayedBusy)));
        });
  }

  /** Every layout to try, widest bus and widest devices first; 8-bit lanes also in byte mode. */
  static List<BusLayout> layouts(int[] widths, ByteOrder byteOrder) {
    List<BusLayout> layouts = new ArrayList<>();
    for (int width : widths) {
      for (int deviceWidth = width; deviceWidth >= 1; deviceWidth /= 2) {
        if (deviceWidth > 2) {
          continue; // x8 and x16 devices only
        }
        layouts.add(new BusLayout(width, deviceWidth, byteOrder));
        if (deviceWidth == 1) {
          layouts.add(new BusLayout(width, 1, byteOrder, 2));
        }
      }
    }
    return layouts;
  }

  /**
   * Ends a half-issued sequence of either command set and returns every device to reading its
   * array: Read Array often enough to end an Intel buffered program, the AMD write-buffer-abort
   * reset and Reset (to an Intel device, an improper sequence that Clear Status then clears).
   *
   * @return false if the bus refused writes of this layout
   */
  static boolean reset(MmioBus bus, BusLayout layout) {
    long allOnes = layout.onEveryLane(0xffff);
    try {
      for (int i = 0; i < SETTLE_WRITES; i++) {
        bus.write(0, layout.bankWidth(), allOnes);
      }
      amdReset(bus, layout);
      layout.command(bus, 0, CLEAR_STATUS_REGISTER);
      layout.command(bus, 0, READ_ARRAY);
      return true;
    } catch (MmioAccessException refused) {
      return false;
    }
  }

  /** Reset, the write-buffer-abort reset (AA 55 F0), and Reset again, on every lane. */
  static void amdReset(MmioBus bus, BusLayout layout) {
    layout.command(bus, 0, RESET);
    unlock(bus, layout);
    layout.command(bus, layout.busAddress(UNLOCK1_ADDRESS), RESET);
    layout.command(bus, 0, RESET);
  }

  /** The two AMD unlock cycles, on every lane. */
  static void unlock(MmioBus bus, BusLayout layout) {
    layout.command(bus, layout.busAddress(UNLOCK1_ADDRESS), UNLOCK1_DATA);
    layout.command(bus, layout.busAddress(UNLOCK2_ADDRESS), UNLOCK2_DATA);
  }

  private static boolean answersQuery(MmioBus bus, BusLayout layout) {
    try {
      layout.command(bus, layout.busAddress(QUERY_COMMAND_ADDRESS), READ_QUERY);
      String expected = "QRY";
      for (int i = 0; i < expected.length(); i++) {
        long value = bus.read(layout.busAddress(QUERY_UNIQUE_STRING + i), layout.bankWidth());
        if (value != layout.onEveryLane(expected.charAt(i))) {
          reset(bus, layout);
          return false;
        }
      }
      return true;
    } catch (MmioAccessException refused) {
      return false;
    }
  }

  /** What a layout that gave no query answer showed. */
  enum Busy {
    /** Nothing busy: no CFI device in this layout. */
    NOT_BUSY,
    /** A device was busy with a previous owner's operation and is ready now. */
    WAS_BUSY,
    /** It looked busy past the limit: no device in this layout (or a broken one). */
    STAYED_BUSY
  }

  /**
   * Waits out a previous owner's program or erase if the devices show one: an AMD device toggles
   * DQ6 between two reads, a busy Intel device shows its status, SR.7 clear, wherever it is read. A
   * bus that reads the same value everywhere looks like that too, until the limit passes.
   */
  private static Busy waitIfBusy(MmioBus bus, BusLayout layout, EmulatedClock clock) {
    int width = layout.bankWidth();
    try {
      if (toggles(bus, layout)) {
        Deadline deadline = Deadline.after(clock, SETTLE_LIMIT_NANOS);
        while (toggles(bus, layout)) {
          if (deadline.passed()) {
            return Busy.STAYED_BUSY;
          }
          clock.pause(Math.max(1_000, Math.min(10_000_000, deadline.remaining())));
        }
        return Busy.WAS_BUSY;
      }
      layout.command(bus, 0, READ_STATUS_REGISTER);
      long status = bus.read(0, width);
      boolean intelBusy =
          !layout.allReady(status)
              && status == bus.read(layout.busAddress(QUERY_UNIQUE_STRING), width);
      if (!intelBusy) {
        return Busy.NOT_BUSY;
      }
      Deadline deadline = Deadline.after(clock, SETTLE_LIMIT_NANOS);
      while (true) {
        boolean late = deadline.passed();
        if (layout.allReady(bus.read(0, width))) {
          return Busy.WAS_BUSY;
        }
        if (late) {
          return Busy.STAYED_BUSY;
        }
        clock.pause(Math.max(1_000, Math.min(10_000_000, deadline.remaining())));
      }
    } catch (MmioAccessException refused) {
      return Busy.NOT_BUSY;
    }
  }

  /**
   * @return whether DQ6 differs between two reads on some lane (an AMD device is busy)
   */
  static boolean toggles(MmioBus bus, BusLayout layout) {
    return toggles(bus, layout, 0, DQ6_TOGGLE);
  }

  /**
   * @return whether {@code bit} differs between two reads at {@code address} on some lane
   */
  static boolean toggles(MmioBus bus, BusLayout layout, long address, int bit) {
    long first = bus.read(address, layout.bankWidth());
    long second = bus.read(address, layout.bankWidth());
    for (int lane = 0; lane < layout.interleave(); lane++) {
      if (((layout.lane(first, lane) ^ layout.lane(second, lane)) & bit) != 0) {
        return true;
      }
    }
    return false;
  }

  private static CfiQuery readQuery(MmioBus bus, BusLayout layout) throws FlashException {
    byte[] raw = new byte[QUERY_LIMIT];
    for (int address = 0; address < QUERY_LIMIT; address++) {
      long value = bus.read(layout.busAddress(address), layout.bankWidth());
      int device0 = layout.lane(value, 0);
      if (value != layout.onEveryLane(device0)) {
        throw new FlashException(
            FlashError.DEVICE_FAULT,
            bus.name(),
            "probe",
            layout.busAddress(address),
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
    int manufacturer;
    int device;
    String extended = "";
    if (query.primaryCommandSet() == CfiQuery.COMMAND_SET_AMD_STANDARD) {
      unlock(bus, layout);
      layout.command(bus, layout.busAddress(UNLOCK1_ADDRESS), AUTOSELECT);
      manufacturer =
          layout.lane(bus.read(layout.busAddress(AUTOSELECT_MANUFACTURER), width), 0) & 0xff;
      device = layout.lane(bus.read(layout.busAddress(AUTOSELECT_DEVICE), width), 0);
      if ((device & 0xff) == EXTENDED_DEVICE_ID) {
        int second = layout.lane(bus.read(layout.busAddress(AUTOSELECT_DEVICE_2), width), 0);
        int third = layout.lane(bus.read(layout.busAddress(AUTOSELECT_DEVICE_3), width), 0);
        extended = String.format(", device ID words %04x %04x %04x", device, second, third);
      }
      layout.command(bus, 0, RESET);
    } else {
      layout.command(bus, 0, READ_IDENTIFIER);
      manufacturer = layout.lane(bus.read((long) IDENTIFIER_MANUFACTURER * width, width), 0) & 0xff;
      device = layout.lane(bus.read((long) IDENTIFIER_DEVICE * width, width), 0);
    }
    String description =
        String.format(
            "CFI %s (0x%04x), %s%s",
            CfiQuery.commandSetName(query.primaryCommandSet()),
            query.primaryCommandSet(),
            layout.describe(),
            extended);
    return new FlashIdentity(manufacturer, device, description);
  }
}
