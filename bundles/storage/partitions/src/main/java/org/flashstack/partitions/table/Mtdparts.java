package org.flashstack.partitions.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Linux's {@code mtdparts=} partition strings, as its cmdlinepart parser reads them:
 *
 * <pre>
 * mtdparts=&lt;mtddef&gt;[;&lt;mtddef&gt;]
 * &lt;mtddef&gt;  := &lt;mtd-id&gt;:&lt;partdef&gt;[,&lt;partdef&gt;]
 * &lt;partdef&gt; := &lt;size&gt;[@&lt;offset&gt;][(&lt;name&gt;)][ro][lk][slc]
 * </pre>
 *
 * Sizes and offsets are memparse numbers (decimal, 0x hex, 0 octal, then K, M, G, T, P or E in
 * either case); a size of {@code -} takes the rest of the device; a partition without an offset
 * follows the previous one; an unnamed one is {@code Partition_NNN}; the mtd-id ends at the last
 * {@code :} before the first name.
 *
 * <p>Where Linux is lenient this is not: Linux truncates a partition that passes the end of the
 * device, skips one left with no room, and accepts overlapping ones; {@link #resolve} refuses each
 * of them, because a table that does not say what it means is a mistake worth knowing about before
 * any byte is written. Parsing is as strict as Linux's, and stricter about garbage after {@code @}.
 */
public final class Mtdparts {
  private Mtdparts() {}

  /** The size of a partition that takes the rest of the device. */
  public static final long REMAINING = -1;

  /** The offset of a partition that follows the previous one. */
  public static final long CONTINUOUS = -1;

  /**
   * One partition definition as written.
   *
   * @param name its name ({@code Partition_NNN} if none was given)
   * @param size bytes, or {@link #REMAINING}
   * @param offset bytes, or {@link #CONTINUOUS}
   * @param readOnly {@code ro}
   * @param powerUpLock {@code lk}
   * @param slc {@code slc} (emulated SLC on MLC NAND; kept, meaningless on NOR)
   */
  public record Part(
      String name, long size, long offset, boolean readOnly, boolean powerUpLock, boolean slc) {}

  /**
   * One device's definitions.
   *
   * @param mtdId the device's name as Linux knows it
   * @param parts in the order written (Linux numbers them so)
   */
  public record Device(String mtdId, List<Part> parts) {
    public Device {
      parts = List.copyOf(parts);
    }
  }

  /**
   * Reads an mtdparts string (with or without the leading {@code mtdparts=}).
   *
   * @throws PartitionTableException for a missing mtd-id, a size of 0 or missing, a name without
   *     its {@code )}, a partition after a {@code -} one, a repeated mtd-id, or anything else after
   *     a partition
   */
  public static List<Device> parse(String text) throws PartitionTableException {
    String s = text.strip();
    if (s.startsWith("mtdparts=")) {
      s = s.substring("mtdparts=".length());
    }
    if (s.isEmpty()) {
      throw new PartitionTableException("mtdparts: empty; expected <mtd-id>:<partdef>[,...]");
    }
    List<Device> devices = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int at = 0;
    while (true) {
      int semicolon = s.indexOf(';', at);
      int limit = semicolon < 0 ? s.length() : semicolon;
      int paren = s.indexOf('(', at);
      int idLimit = paren >= 0 && paren < limit ? paren : limit;
      int colon = s.lastIndexOf(':', idLimit - 1);
      if (colon < at) {
        throw new PartitionTableException(
            "mtdparts: no mtd-id in '" + s.substring(at, limit) + "' (expected <mtd-id>:...)");
      }
      String id = s.substring(at, colon);
      if (!ids.add(id)) {
        throw new PartitionTableException("mtdparts: device '" + id + "' is defined twice");
      }
      Cursor cursor = new Cursor(s, colon + 1, id);
      List<Part> parts = new ArrayList<>();
      while (true) {
        Part part = cursor.part(parts.size());
        parts.add(part);
        if (cursor.peek() == ',') {
          if (part.size() == REMAINING) {
            throw cursor.error("no partitions allowed after a fill-up partition ('-')");
          }
          cursor.at++;
          continue;
        }
        break;
      }
      devices.add(new Device(id, parts));
      if (cursor.at == s.length()) {
        return devices;
      }
      if (cursor.peek() != ';') {
        throw cursor.error("bad character after partition (" + cursor.peek() + ")");
      }
      at = cursor.at + 1;
    }
  }

  /** Reads partition definitions from a position, as Linux's newpart does. */
  private static final class Cursor {
    final String s;
    final String id;
    int at;

    Cursor(String s, int at, String id) {
      this.s = s;
      this.at = at;
      this.id = id;
    }

    char peek() {
      return at < s.length() ? s.charAt(at) : 0;
    }

    PartitionTableException error(String why) {
      return new PartitionTableException(
          String.format("mtdparts: %s: %s at column %d of '%s'", id, why, at + 1, s));
    }

    Part part(int index) throws PartitionTableException {
      long size;
      if (peek() == '-') {
        size = REMAINING;
        at++;
      } else {
        int start = at;
        size = memparse();
        if (size == 0) {
          at = start;
          throw error("partition " + index + " has size 0 (or no size)");
        }
      }
      long offset = CONTINUOUS;
      if (peek() == '@') {
        at++;
        int start = at;
        offset = memparse();
        if (at == start) {
          throw error("partition " + index + ": a number must follow '@'");
        }
      }
      String name = String.format(Locale.ROOT, "Partition_%03d", index);
      if (peek() == '(') {
        int close = s.indexOf(')', at + 1);
        if (close < 0) {
          throw error("no closing ) found in partition name");
        }
        name = s.substring(at + 1, close);
        at = close + 1;
      }
      boolean readOnly = take("ro");
      boolean lock = take("lk");
      boolean slc = take("slc");
      return new Part(name, size, offset, readOnly, lock, slc);
    }

    private boolean take(String word) {
      if (s.startsWith(word, at)) {
        at += word.length();
        return true;
      }
      return false;
    }

    /** Linux's memparse: a number in C's base 0 and an optional binary suffix. */
    long memparse() throws PartitionTableException {
      int base = 10;
      if (s.startsWith("0x", at) || s.startsWith("0X", at)) {
        if (at + 2 < s.length() && Character.digit(s.charAt(at + 2), 16) >= 0) {
          base = 16;
          at += 2;
        }
      } else if (peek() == '0') {
        base = 8;
      }
      long value = 0;
      int digits = 0;
      while (at < s.length() && Character.digit(s.charAt(at), base) >= 0) {
        int digit = Character.digit(s.charAt(at), base);
        if (value > (Long.MAX_VALUE - digit) / base) {
          throw error("number too large");
        }
        value = value * base + digit;
        at++;
        digits++;
      }
      if (digits == 0) {
        return 0;
      }
      int shift =
          switch (Character.toUpperCase(peek())) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            case 'P' -> 50;
            case 'E' -> 60;
            default -> 0;
          };
      if (shift > 0) {
        at++;
        if (value > (Long.MAX_VALUE >> shift)) {
          throw error("number too large");
        }
        value <<= shift;
      }
      return value;
    }
  }

  /**
   * Places a device's partitions as Linux does (offsets follow, {@code -} takes the rest), and
   * refuses what Linux would bend: a partition past the end, one with no room left, overlaps.
   *
   * @param deviceSize the device's size in bytes
   * @return the rows, in the order written
   * @throws PartitionTableException naming the partition and the bytes
   */
  public static List<PartitionRow> resolve(Device device, long deviceSize)
      throws PartitionTableException {
    List<PartitionRow> rows = new ArrayList<>();
    long offset = 0;
    for (Part part : device.parts()) {
      if (part.offset() != CONTINUOUS) {
        offset = part.offset();
      }
      if (offset >= deviceSize) {
        throw new PartitionTableException(
            String.format(
                "mtdparts: %s: partition '%s' starts at 0x%x, at or past the end of the device"
                    + " (0x%x bytes)",
                device.mtdId(), part.name(), offset, deviceSize));
      }
      long size = part.size() == REMAINING ? deviceSize - offset : part.size();
      if (size > deviceSize - offset) {
        throw new PartitionTableException(
            String.format(
                "mtdparts: %s: partition '%s' (0x%x bytes at 0x%x) passes the end of the device"
                    + " (0x%x bytes); Linux would cut it to 0x%x",
                device.mtdId(), part.name(), size, offset, deviceSize, deviceSize - offset));
      }
      PartitionRow row =
          new PartitionRow(
              part.name(), offset, size, part.readOnly(), part.powerUpLock(), null, null, false);
      for (PartitionRow other : rows) {
        if (row.offset() < other.end() && other.offset() < row.end()) {
          throw new PartitionTableException(
              String.format(
                  "mtdparts: %s: partition '%s' (0x%x-0x%x) overlaps '%s' (0x%x-0x%x)",
                  device.mtdId(),
                  row.name(),
                  row.offset(),
                  row.end() - 1,
                  other.name(),
                  other.offset(),
                  other.end() - 1));
        }
      }
      rows.add(row);
      offset += size;
    }
    return rows;
  }

  /**
   * @return {@code mtdparts=<mtdId>:<size>@<offset>(<name>)[ro][lk],...}, every offset written out
   *     so the string means the same wherever it is read
   */
  public static String format(String mtdId, List<PartitionRow> rows) {
    StringBuilder out = new StringBuilder("mtdparts=").append(mtdId).append(':');
    for (int i = 0; i < rows.size(); i++) {
      PartitionRow row = rows.get(i);
      if (i > 0) {
        out.append(',');
      }
      out.append(number(row.size()))
          .append('@')
          .append(number(row.offset()))
          .append('(')
          .append(row.name())
          .append(')');
      if (row.readOnly()) {
        out.append("ro");
      }
      if (row.powerUpLock()) {
        out.append("lk");
      }
    }
    return out.toString();
  }

  /** A memparse number: with g, m or k where exact, else hex. */
  static String number(long value) {
    if (value == 0) {
      return "0";
    }
    if (value % (1L << 30) == 0) {
      return (value >> 30) + "g";
    }
    if (value % (1L << 20) == 0) {
      return (value >> 20) + "m";
    }
    if (value % (1L << 10) == 0) {
      return (value >> 10) + "k";
    }
    return "0x" + Long.toHexString(value);
  }
}
