package org.flashstack.sfdp;

import java.util.List;

/**
 * A decoded SFDP space.
 *
 * @param revision the SFDP header's revision
 * @param accessProtocol the header's access protocol byte (0xff for the legacy 1-1-1, 3-byte
 *     address, 8 dummy clock Read SFDP)
 * @param headers every parameter header the SFDP header declares, in order
 * @param bfpt the Basic Flash Parameter Table (the highest revision listed with major 1)
 * @param fourByteInstructions the 4-Byte Address Instruction Table, or null when not listed
 * @param sectorMap the Sector Map Parameter Table, or null when not listed
 */
public record SfdpSpace(
    SfdpRevision revision,
    int accessProtocol,
    List<SfdpParameterHeader> headers,
    BasicFlashParameterTable bfpt,
    FourByteAddressInstructions fourByteInstructions,
    SectorMap sectorMap) {

  /** Copies the list. */
  public SfdpSpace {
    headers = List.copyOf(headers);
  }
}
