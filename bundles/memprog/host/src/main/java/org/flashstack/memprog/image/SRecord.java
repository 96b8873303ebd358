package org.flashstack.memprog.image;

/**
 * Motorola S-record (as srec_cat, objcopy and the SREC format's description define it): {@code
 * S<type><count><address><data><checksum>}, where count covers address, data and checksum, and the
 * checksum is the ones' complement of the low byte of the sum of count, address and data. S0 is a
 * header, S1/S2/S3 hold data at 16/24/32-bit addresses, S5/S6 count the data records so far
 * (checked), S7/S8/S9 end the file (one is required, and nothing may follow it).
 */
public final class SRecord {
  private SRecord() {}

  /**
   * @return the image {@code file} describes
   * @throws ImageFormatException naming the line and the fault
   */
  public static FirmwareImage read(byte[] file, String name) throws ImageFormatException {
    Runs runs = new Runs();
    long dataRecords = 0;
    boolean ended = false;
    for (TextRecords.Line record : TextRecords.of(file, name)) {
      String line = record.text();
      String where = record.where();
      if (ended) {
        throw new ImageFormatException(where + ": a record after the termination record");
      }
      if (line.length() < 4 || line.charAt(0) != 'S' || !Character.isDigit(line.charAt(1))) {
        throw new ImageFormatException(where + ": a record starts with S and a type digit");
      }
      int type = line.charAt(1) - '0';
      byte[] r = HexDigits.decode(line, 2, where);
      int count = r[0] & 0xff;
      if (r.length != count + 1) {
        throw new ImageFormatException(
            where
                + ": the record's count says "
                + count
                + " bytes follow, but "
                + (r.length - 1)
                + " do");
      }
      int sum = 0;
      for (int i = 0; i < r.length - 1; i++) {
        sum += r[i] & 0xff;
      }
      int expected = ~sum & 0xff;
      if ((r[r.length - 1] & 0xff) != expected) {
        throw new ImageFormatException(
            String.format(
                "%s: bad checksum 0x%02x (the record's bytes need 0x%02x)",
                where, r[r.length - 1] & 0xff, expected));
      }
      int addressBytes =
          switch (type) {
            case 0, 1, 5, 9 -> 2;
            case 2, 6, 8 -> 3;
            case 3, 7 -> 4;
            default ->
                throw new ImageFormatException(where + ": S" + type + " is not a record type");
          };
      if (count < addressBytes + 1) {
        throw new ImageFormatException(where + ": too short for an S" + type + " record");
      }
      long address = HexDigits.big(r, 1, addressBytes);
      int dataLength = count - addressBytes - 1;
      switch (type) {
        case 1, 2, 3 -> {
          if (address + dataLength > 0x1_0000_0000L) {
            throw new ImageFormatException(where + ": data past the 32-bit address space");
          }
          runs.add(address, r, 1 + addressBytes, dataLength);
          dataRecords++;
        }
        case 5, 6 -> {
          if (address != (dataRecords & (type == 5 ? 0xffffL : 0xffffffL))) {
            throw new ImageFormatException(
                where
                    + ": the count record says "
                    + address
                    + " data records, the file has "
                    + dataRecords);
          }
        }
        case 7, 8, 9 -> ended = true;
        default -> {
          // S0: header text, nothing to program
        }
      }
    }
    if (!ended) {
      throw new ImageFormatException(
          name + ": no termination record (S7, S8 or S9); the file is cut short");
    }
    return runs.image();
  }
}
