package org.flashstack.driver.spinor;

import java.util.List;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.sfdp.SfdpSpace;

/**
 * What the driver discovered about a chip and how it drives it: every fact comes from the JEDEC ID
 * and the SFDP space, or, for a part configured by hand ({@link #handPart()}), from its {@link
 * SpiNorHandPart}; any correction is named in {@link #corrections()}.
 *
 * @param jedecId the RDID bytes
 * @param sfdp the decoded SFDP space; null for a hand-configured part whose chip has no usable one
 * @param geometry size, erase regions (the smallest erase that works in each), page size as the
 *     write buffer
 * @param pageSize the program page
 * @param addressBytes 3 or 4
 * @param fourByteOpcodes whether 4-byte addresses use the dedicated instructions (no mode change)
 * @param enterFourByte the instruction that enters 4-byte mode, or -1
 * @param enterNeedsWriteEnable whether WREN precedes it
 * @param read the read in use
 * @param programOpcode the page program instruction
 * @param erases the erase types, largest first
 * @param regions which erase types work where
 * @param programTimeoutNanos the longest a page program may take
 * @param chipEraseTimeoutNanos the longest a chip erase may take
 * @param corrections what the driver changed from the table, and why
 * @param handPart the name of the hand-configured part the parameters come from; null where they
 *     come from SFDP
 */
public record SpiNorParameters(
    byte[] jedecId,
    SfdpSpace sfdp,
    FlashGeometry geometry,
    int pageSize,
    int addressBytes,
    boolean fourByteOpcodes,
    int enterFourByte,
    boolean enterNeedsWriteEnable,
    ReadMode read,
    int programOpcode,
    List<Erase> erases,
    List<Region> regions,
    long programTimeoutNanos,
    long chipEraseTimeoutNanos,
    List<String> corrections,
    String handPart) {

  /** Copies the collections. */
  public SpiNorParameters {
    jedecId = jedecId.clone();
    erases = List.copyOf(erases);
    regions = List.copyOf(regions);
    corrections = List.copyOf(corrections);
    if (sfdp == null && handPart == null) {
      throw new IllegalArgumentException(
          "parameters come from SFDP or from a hand-configured part");
    }
  }

  /** Parameters learnt from SFDP (the 1.0 shape). */
  public SpiNorParameters(
      byte[] jedecId,
      SfdpSpace sfdp,
      FlashGeometry geometry,
      int pageSize,
      int addressBytes,
      boolean fourByteOpcodes,
      int enterFourByte,
      boolean enterNeedsWriteEnable,
      ReadMode read,
      int programOpcode,
      List<Erase> erases,
      List<Region> regions,
      long programTimeoutNanos,
      long chipEraseTimeoutNanos,
      List<String> corrections) {
    this(
        jedecId,
        java.util.Objects.requireNonNull(sfdp, "sfdp"),
        geometry,
        pageSize,
        addressBytes,
        fourByteOpcodes,
        enterFourByte,
        enterNeedsWriteEnable,
        read,
        programOpcode,
        erases,
        regions,
        programTimeoutNanos,
        chipEraseTimeoutNanos,
        corrections,
        null);
  }

  /** Where the parameters come from: the SFDP revision, or the hand-configured part. */
  public String source() {
    return handPart == null
        ? "SFDP " + sfdp.revision()
        : "hand-configured part "
            + handPart
            + (sfdp == null ? "" : " (over SFDP " + sfdp.revision() + ")");
  }

  @Override
  public byte[] jedecId() {
    return jedecId.clone();
  }

  /**
   * A read instruction and how it is clocked.
   *
   * @param mode JESD216's lanes, e.g. {@code 1-4-4}
   * @param opcode the instruction (the 4-byte one where the driver uses those)
   * @param addressLanes lanes of address and mode bits
   * @param waitClocks mode and dummy clocks
   * @param dataLanes lanes of the data
   */
  public record ReadMode(
      String mode, int opcode, SpiLanes addressLanes, int waitClocks, SpiLanes dataLanes) {}

  /**
   * An erase type.
   *
   * @param number 1 to 4, as SFDP numbers it
   * @param size bytes
   * @param opcode the instruction in use (4-byte where the driver uses those)
   * @param timeoutNanos the longest it may take
   */
  public record Erase(int number, long size, int opcode, long timeoutNanos) {}

  /**
   * A sector map region.
   *
   * @param offset first byte
   * @param size bytes
   * @param eraseTypes the erase type numbers that work here
   */
  public record Region(long offset, long size, List<Integer> eraseTypes) {

    /** Copies the list. */
    public Region {
      eraseTypes = List.copyOf(eraseTypes);
    }
  }
}
