package org.flashstack.sfdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an SFDP space per JESD216: the SFDP header, exactly the parameter headers it declares, and
 * the tables they point at, never a byte past a table's stated length. A table may be shorter than
 * the latest revision defines; the fields it does not have are absent. A space JESD216 does not
 * allow is refused with {@link SfdpFormatException} naming the field and its offset; nothing else
 * is thrown. What the table says is reported as it is: correcting a known wrong table is a driver's
 * business.
 */
public final class SfdpDecoder {

  /** "SFDP" in the byte order the signature is read (0x50444653). */
  public static final int SIGNATURE = 0x50444653;

  /** The fewest DWORDs a Basic Flash Parameter Table has (JESD216). */
  public static final int BFPT_MINIMUM_DWORDS = 9;

  private static final int HEADER_BYTES = 8;

  private SfdpDecoder() {}

  /**
   * @param space the bytes read with Read SFDP from address 0, at least as far as the last table
   * @return the decoded space
   * @throws SfdpFormatException if the space is not one JESD216 allows
   */
  public static SfdpSpace decode(byte[] space) throws SfdpFormatException {
    if (space == null || space.length < HEADER_BYTES) {
      throw new SfdpFormatException(
          "SFDP header",
          0,
          String.format(
              "the dump has %d bytes; the header alone takes %d",
              space == null ? 0 : space.length, HEADER_BYTES));
    }
    int signature = dwordAt(space, 0);
    if (signature != SIGNATURE) {
      throw new SfdpFormatException(
          "SFDP signature",
          0,
          String.format(
              "reads %02x %02x %02x %02x, not 'SFDP' (53 46 44 50)",
              space[0], space[1], space[2], space[3]));
    }
    SfdpRevision revision = new SfdpRevision(space[5] & 0xff, space[4] & 0xff);
    if (revision.major() != 1) {
      throw new SfdpFormatException(
          "SFDP major revision",
          5,
          "is " + revision.major() + "; JESD216 defines major revision 1 only");
    }
    int declared = (space[6] & 0xff) + 1;
    int headersEnd = HEADER_BYTES + HEADER_BYTES * declared;
    if (headersEnd > space.length) {
      int first = (space.length - HEADER_BYTES) / HEADER_BYTES;
      throw new SfdpFormatException(
          "parameter header " + first,
          HEADER_BYTES + HEADER_BYTES * first,
          String.format(
              "is past the end of the %d-byte dump; the SFDP header declares %d parameter headers",
              space.length, declared));
    }
    List<SfdpParameterHeader> headers = new ArrayList<>(declared);
    for (int index = 0; index < declared; index++) {
      headers.add(header(space, index, headersEnd));
    }
    if (headers.get(0).id() != SfdpParameterHeader.BASIC_FLASH_PARAMETERS) {
      throw new SfdpFormatException(
          "parameter header 0 ID",
          HEADER_BYTES,
          String.format(
              "is 0x%04x; JESD216 requires the Basic Flash Parameter Table (0xff00) first",
              headers.get(0).id()));
    }
    SfdpParameterHeader bfptHeader = null;
    for (SfdpParameterHeader header : headers) {
      if (header.id() == SfdpParameterHeader.BASIC_FLASH_PARAMETERS
          && header.revision().major() == 1
          && (bfptHeader == null || header.revision().compareTo(bfptHeader.revision()) > 0)) {
        bfptHeader = header;
      }
    }
    if (bfptHeader == null) {
      throw new SfdpFormatException(
          "parameter header 0 major revision",
          HEADER_BYTES + 2,
          "is "
              + headers.get(0).revision().major()
              + "; no Basic Flash Parameter Table of major"
              + " revision 1 is listed");
    }
    BasicFlashParameterTable bfpt = BasicTableDecoder.decode(space, bfptHeader);
    FourByteAddressInstructions fourByte = null;
    SectorMap sectorMap = null;
    for (SfdpParameterHeader header : headers) {
      if (header.id() == SfdpParameterHeader.FOUR_BYTE_ADDRESS_INSTRUCTIONS && fourByte == null) {
        fourByte = fourByteInstructions(space, header);
      } else if (header.id() == SfdpParameterHeader.SECTOR_MAP && sectorMap == null) {
        sectorMap = SectorMapDecoder.decode(space, header, bfpt.densityBytes());
      }
    }
    return new SfdpSpace(revision, space[7] & 0xff, headers, bfpt, fourByte, sectorMap);
  }

  private static SfdpParameterHeader header(byte[] space, int index, int headersEnd)
      throws SfdpFormatException {
    int at = HEADER_BYTES + HEADER_BYTES * index;
    String field = "parameter header " + index;
    int id = (space[at] & 0xff) | (space[at + 7] & 0xff) << 8;
    SfdpRevision revision = new SfdpRevision(space[at + 2] & 0xff, space[at + 1] & 0xff);
    int length = space[at + 3] & 0xff;
    int pointer =
        (space[at + 4] & 0xff) | (space[at + 5] & 0xff) << 8 | (space[at + 6] & 0xff) << 16;
    SfdpParameterHeader header = new SfdpParameterHeader(index, id, revision, length, pointer);
    if (length == 0) {
      throw new SfdpFormatException(
          field + " table length",
          at + 3,
          String.format("is 0 DWORDs (table 0x%04x, %s)", id, header.tableName()));
    }
    if (pointer < headersEnd) {
      throw new SfdpFormatException(
          field + " table pointer",
          at + 4,
          String.format(
              "0x%x points into the SFDP and parameter headers, which end at 0x%x",
              pointer, headersEnd));
    }
    if (header.end() > space.length) {
      throw new SfdpFormatException(
          field + " table pointer",
          at + 4,
          String.format(
              "the %d-DWORD %s at 0x%x runs past the end of the %d-byte dump (to 0x%x)",
              length, header.tableName(), pointer, space.length, header.end()));
    }
    return header;
  }

  private static FourByteAddressInstructions fourByteInstructions(
      byte[] space, SfdpParameterHeader header) throws SfdpFormatException {
    if (header.lengthDwords() < 2) {
      throw new SfdpFormatException(
          "4-Byte Address Instruction Table length",
          HEADER_BYTES * (header.index() + 1) + 3,
          "is " + header.lengthDwords() + " DWORD; the table has 2");
    }
    int support = dwordAt(space, header.pointer());
    int erases = dwordAt(space, header.pointer() + 4);
    Map<String, Integer> supported = new LinkedHashMap<>();
    Map<Integer, Integer> eraseOpcodes = new LinkedHashMap<>();
    for (int bit = 0; bit < FourByteAddressInstructions.INSTRUCTIONS.size(); bit++) {
      if ((support & (1 << bit)) == 0) {
        continue;
      }
      Map.Entry<String, Integer> instruction = FourByteAddressInstructions.INSTRUCTIONS.get(bit);
      int opcode = instruction.getValue();
      if (bit >= 9 && bit <= 12) {
        int type = bit - 8;
        opcode = (erases >>> (8 * (type - 1))) & 0xff;
        eraseOpcodes.put(type, opcode);
      }
      supported.put(instruction.getKey(), opcode);
    }
    return new FourByteAddressInstructions(header.revision(), supported, eraseOpcodes);
  }

  static int dwordAt(byte[] space, int at) {
    return (space[at] & 0xff)
        | (space[at + 1] & 0xff) << 8
        | (space[at + 2] & 0xff) << 16
        | (space[at + 3] & 0xff) << 24;
  }
}
