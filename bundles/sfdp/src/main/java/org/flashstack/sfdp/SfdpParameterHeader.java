package org.flashstack.sfdp;

/**
 * One parameter header: which table, its revision, length and where it is.
 *
 * @param index 0 for the first header (the Basic Flash Parameter Table's)
 * @param id the 16-bit parameter ID: MSB 0xff for JEDEC tables ({@link #BASIC_FLASH_PARAMETERS},
 *     {@link #SECTOR_MAP}, {@link #FOUR_BYTE_ADDRESS_INSTRUCTIONS}, ...), else a vendor table whose
 *     LSB is the manufacturer's JEDEC ID
 * @param revision the table's revision
 * @param lengthDwords the table's length in DWORDs
 * @param pointer the table's byte address in the SFDP space
 */
public record SfdpParameterHeader(
    int index, int id, SfdpRevision revision, int lengthDwords, int pointer) {

  /** Basic Flash Parameter Table. */
  public static final int BASIC_FLASH_PARAMETERS = 0xff00;

  /** Sector Map Parameter Table (JESD216B). */
  public static final int SECTOR_MAP = 0xff81;

  /** Replay Protected Monotonic Counters (JESD216C). */
  public static final int RPMC = 0xff03;

  /** 4-Byte Address Instruction Table (JESD216B). */
  public static final int FOUR_BYTE_ADDRESS_INSTRUCTIONS = 0xff84;

  /** eXtended Serial Peripheral Interface profile 1.0 (JESD216C). */
  public static final int XSPI_PROFILE_1 = 0xff05;

  /** Status, Control and Configuration Register Map (JESD216C). */
  public static final int STATUS_CONTROL_CONFIGURATION = 0xff87;

  /**
   * @return the table's name, e.g. {@code "Basic Flash Parameter Table"} or {@code "vendor table
   *     (manufacturer 0xc2)"}
   */
  public String tableName() {
    return switch (id) {
      case BASIC_FLASH_PARAMETERS -> "Basic Flash Parameter Table";
      case SECTOR_MAP -> "Sector Map Parameter Table";
      case RPMC -> "Replay Protected Monotonic Counters";
      case FOUR_BYTE_ADDRESS_INSTRUCTIONS -> "4-Byte Address Instruction Table";
      case XSPI_PROFILE_1 -> "xSPI Profile 1.0";
      case 0xff06 -> "xSPI Profile 2.0";
      case STATUS_CONTROL_CONFIGURATION -> "Status, Control and Configuration Register Map";
      case 0xff88 -> "SCCR Map Offsets for Multi-Chip SPI Memory Devices";
      case 0xff09 -> "SCCR Map for xSPI Profile 2.0";
      case 0xff0a -> "Command Sequences to Change to Octal DDR (8D-8D-8D) mode";
      case 0xff8b -> "Command Sequences to Change to Quad DDR (4S-4D-4D) mode";
      default -> String.format("vendor table (manufacturer 0x%02x)", id & 0xff);
    };
  }

  /**
   * @return the byte address just past the table
   */
  public long end() {
    return pointer + 4L * lengthDwords;
  }

  /**
   * @return the ID as scripts print it, {@code "0xff00"}
   */
  public String idText() {
    return String.format("0x%04x", id);
  }
}
