package org.flashstack.hw.spinor;

/**
 * What one opcode of a part does: its kind, how its address, wait and data phases are clocked.
 *
 * @param kind what the command does
 * @param opcode the instruction byte
 * @param address how many address bytes follow: {@link #CURRENT_ADDRESS} for the part's current
 *     address mode, else 0, 3 or 4
 * @param addressLanes data lines of the address (and mode) phase
 * @param waitClocks mode and dummy clocks between address and data
 * @param dataLanes data lines of the data phase
 * @param needsQuadEnable whether the part ignores it unless the quad enable bit is set
 * @param register the register it reads or writes, or -1
 * @param eraseType the erase type number it erases (1 to 4), or 0
 * @param fourByte whether it is a dedicated 4-byte address instruction
 */
record ChipCommand(
    Kind kind,
    int opcode,
    int address,
    int addressLanes,
    int waitClocks,
    int dataLanes,
    boolean needsQuadEnable,
    int register,
    int eraseType,
    boolean fourByte) {

  /** The address length follows the part's current 3- or 4-byte mode. */
  static final int CURRENT_ADDRESS = -1;

  enum Kind {
    READ_ARRAY,
    READ_SFDP,
    READ_JEDEC_ID,
    READ_MANUFACTURER_DEVICE_ID,
    RELEASE_POWER_DOWN,
    READ_REGISTER,
    WRITE_STATUS,
    WRITE_REGISTER,
    WRITE_ENABLE,
    WRITE_DISABLE,
    VOLATILE_WRITE_ENABLE,
    PAGE_PROGRAM,
    ERASE,
    CHIP_ERASE,
    ENTER_4_BYTE,
    EXIT_4_BYTE,
    SUSPEND,
    RESUME,
    RESET_ENABLE,
    RESET,
    DEEP_POWER_DOWN,
    CLEAR_STATUS,
    READ_BLOCK_PROTECTION,
    WRITE_BLOCK_PROTECTION,
    GLOBAL_UNLOCK;

    /** Whether the chip drives data in the command's data phase. */
    boolean outputs() {
      return switch (this) {
        case READ_ARRAY,
                READ_SFDP,
                READ_JEDEC_ID,
                READ_MANUFACTURER_DEVICE_ID,
                RELEASE_POWER_DOWN,
                READ_REGISTER,
                READ_BLOCK_PROTECTION ->
            true;
        default -> false;
      };
    }
  }

  /** A command with no address, wait or data phase on one lane. */
  static ChipCommand simple(Kind kind, int opcode) {
    return new ChipCommand(kind, opcode, 0, 1, 0, 1, false, -1, 0, false);
  }
}
