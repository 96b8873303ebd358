package org.flashstack.memprog.image;

/**
 * Intel HEX (Intel's "Hexadecimal Object File Format Specification", rev. A): records {@code
 * :LLAAAATT<data>CC} with data (00), end of file (01), extended segment address (02), start segment
 * address (03), extended linear address (04) and start linear address (05). Addresses wrap as the
 * specification says: within the 64 KiB segment after an 02 record, across 4 GiB after an 04 one.
 * Every record's checksum is checked; a file without an end-of-file record, or with records after
 * it, is refused.
 */
public final class IntelHex {
  private IntelHex() {}

  /**
   * @return the image {@code text} describes
   * @throws ImageFormatException naming the line and the fault
   */
  public static FirmwareImage read(byte[] file, String name) throws ImageFormatException {
    Runs runs = new Runs();
    long segmentBase = 0;
    long linearBase = 0;
    boolean segmentMode = false;
    boolean ended = false;
    for (TextRecords.Line record : TextRecords.of(file, name)) {
      String line = record.text();
      String where = record.where();
      if (ended) {
        throw new ImageFormatException(where + ": a record after the end-of-file record");
      }
      if (line.charAt(0) != ':') {
        throw new ImageFormatException(where + ": a record starts with ':'");
      }
      byte[] r = HexDigits.decode(line, 1, where);
      if (r.length < 5) {
        throw new ImageFormatException(where + ": too short for a record");
      }
      int length = r[0] & 0xff;
      if (r.length != length + 5) {
        throw new ImageFormatException(
            where + ": the record says " + length + " data bytes but holds " + (r.length - 5));
      }
      int sum = 0;
      for (byte b : r) {
        sum += b & 0xff;
      }
      if ((sum & 0xff) != 0) {
        int expected = (-(sum - (r[r.length - 1] & 0xff))) & 0xff;
        throw new ImageFormatException(
            String.format(
                "%s: bad checksum 0x%02x (the record's bytes need 0x%02x)",
                where, r[r.length - 1] & 0xff, expected));
      }
      int offset = (int) HexDigits.big(r, 1, 2);
      int type = r[3] & 0xff;
      switch (type) {
        case 0x00 -> {
          if (segmentMode) {
            // within the segment: the 16-bit offset wraps at 64 KiB
            int first = Math.min(length, 0x10000 - offset);
            runs.add(segmentBase + offset, r, 4, first);
            runs.add(segmentBase, r, 4 + first, length - first);
          } else {
            long address = linearBase + offset;
            long toTop = 0x1_0000_0000L - address;
            int first = (int) Math.min(length, toTop);
            runs.add(address, r, 4, first);
            runs.add(0, r, 4 + first, length - first);
          }
        }
        case 0x01 -> {
          expect(where, "end-of-file", length, 0);
          ended = true;
        }
        case 0x02 -> {
          expect(where, "extended segment address", length, 2);
          segmentBase = HexDigits.big(r, 4, 2) << 4;
          segmentMode = true;
        }
        case 0x04 -> {
          expect(where, "extended linear address", length, 2);
          linearBase = HexDigits.big(r, 4, 2) << 16;
          segmentMode = false;
        }
        case 0x03 -> expect(where, "start segment address", length, 4);
        case 0x05 -> expect(where, "start linear address", length, 4);
        default ->
            throw new ImageFormatException(
                String.format(
                    "%s: record type 0x%02x is not an Intel HEX record type", where, type));
      }
    }
    if (!ended) {
      throw new ImageFormatException(
          name + ": no end-of-file record (:00000001FF); the file is cut short");
    }
    return runs.image();
  }

  private static void expect(String where, String what, int length, int wanted)
      throws ImageFormatException {
    if (length != wanted) {
      throw new ImageFormatException(
          where + ": an " + what + " record has " + wanted + " data bytes, not " + length);
    }
  }
}
