package org.flashstack.api.cfi;

import java.util.List;

/**
 * A decoded CFI query table (JESD68.01 section 4) of one device, plus how the devices sit on the
 * bus. Sizes are per device (one chip), as the table states them; multiply by {@code interleave}
 * for the bank.
 *
 * @param bankWidth data bus width in bytes
 * @param deviceWidth width of one device in bytes (1 = x8, 2 = x16, 4 = x32)
 * @param interleave devices side by side on the bus: {@code bankWidth / deviceWidth}
 * @param primaryCommandSet primary algorithm command set and control interface ID (0x13)
 * @param primaryTableAddress address of the primary algorithm extended query table (0x15)
 * @param alternateCommandSet alternate command set ID (0x17), 0 if none
 * @param vccMinMillivolts minimum Vcc for program/erase (0x1b)
 * @param vccMaxMillivolts maximum Vcc (0x1c)
 * @param vppMinMillivolts minimum Vpp (0x1d), 0 if no Vpp pin
 * @param vppMaxMillivolts maximum Vpp (0x1e)
 * @param typicalWordProgramMicros typical single word program time (0x1f: 2^n us)
 * @param typicalBufferProgramMicros typical full-buffer program time (0x20), 0 if not supported
 * @param typicalBlockEraseMillis typical block erase time (0x21: 2^n ms)
 * @param typicalChipEraseMillis typical chip erase time (0x22), 0 if not supported
 * @param maxWordProgramMicros maximum word program time (0x23 multiplier applied)
 * @param maxBufferProgramMicros maximum buffer program time (0x24 multiplier applied)
 * @param maxBlockEraseMillis maximum block erase time (0x25 multiplier applied)
 * @param maxChipEraseMillis maximum chip erase time (0x26 multiplier applied)
 * @param deviceSize device size in bytes (0x27: 2^n)
 * @param interfaceCode device interface code description (0x28): 0 x8, 1 x16, 2 x8/x16, 3 x32, 5
 *     x16/x32
 * @param writeBufferSize maximum bytes in a multi-byte program (0x2a: 2^n), 0 if none
 * @param eraseRegions erase block regions of one device (0x2c, 0x2d..)
 * @param primaryTable the Intel primary extended table ("PRI"), or null if the command set has none
 *     this driver decodes
 * @param raw the query bytes as read, index = query offset
 */
public record CfiQuery(
    int bankWidth,
    int deviceWidth,
    int interleave,
    int primaryCommandSet,
    int primaryTableAddress,
    int alternateCommandSet,
    int vccMinMillivolts,
    int vccMaxMillivolts,
    int vppMinMillivolts,
    int vppMaxMillivolts,
    long typicalWordProgramMicros,
    long typicalBufferProgramMicros,
    long typicalBlockEraseMillis,
    long typicalChipEraseMillis,
    long maxWordProgramMicros,
    long maxBufferProgramMicros,
    long maxBlockEraseMillis,
    long maxChipEraseMillis,
    long deviceSize,
    int interfaceCode,
    int writeBufferSize,
    List<Region> eraseRegions,
    IntelPrimaryTable primaryTable,
    byte[] raw) {

  /** CFI command set ID of the Intel/Sharp extended command set. */
  public static final int COMMAND_SET_INTEL_EXTENDED = 0x0001;

  /** CFI command set ID of the AMD/Fujitsu standard command set. */
  public static final int COMMAND_SET_AMD_STANDARD = 0x0002;

  /** CFI command set ID of the Intel standard command set. */
  public static final int COMMAND_SET_INTEL_STANDARD = 0x0003;

  /** Copies the lists and the raw bytes. */
  public CfiQuery {
    eraseRegions = List.copyOf(eraseRegions);
    raw = raw.clone();
  }

  /**
   * @return the raw query bytes (a copy)
   */
  @Override
  public byte[] raw() {
    return raw.clone();
  }

  /**
   * One erase block region of one device.
   *
   * @param blockCount number of blocks (the table stores it minus one)
   * @param blockSize block size in bytes (the table stores it in units of 256, 0 meaning 128)
   */
  public record Region(int blockCount, long blockSize) {}

  /**
   * The Intel/Sharp primary algorithm extended query table (Intel AN-646 table 5; JEP137B).
   *
   * @param majorVersion ASCII major version, e.g. '1'
   * @param minorVersion ASCII minor version, e.g. '0'
   * @param optionalFeatures feature bits (bit 0 chip erase, 1 erase suspend, 2 program suspend, 3
   *     legacy lock/unlock, 4 queued erase, 5 instant individual block locking, 6 protection bits,
   *     7 page mode read, 8 synchronous read)
   * @param afterSuspendFunctions functions supported after suspend (bit 0: program after erase
   *     suspend)
   * @param blockStatusMask block status register mask (bit 0 lock bit, bit 1 lock-down bit)
   * @param vccOptimumMillivolts Vcc logic supply optimum program/erase voltage
   * @param vppOptimumMillivolts Vpp optimum program/erase voltage, 0 if none
   */
  public record IntelPrimaryTable(
      char majorVersion,
      char minorVersion,
      long optionalFeatures,
      int afterSuspendFunctions,
      int blockStatusMask,
      int vccOptimumMillivolts,
      int vppOptimumMillivolts) {}

  /**
   * @return whether {@code id} is one of the Intel command sets (0x0001 extended, 0x0003 standard),
   *     which share the commands, status register and primary extended table ("PRI")
   */
  public static boolean isIntelCommandSet(int id) {
    return id == COMMAND_SET_INTEL_EXTENDED || id == COMMAND_SET_INTEL_STANDARD;
  }

  /**
   * @return the common name of a CFI command set ID, e.g. "Intel/Sharp Extended"
   */
  public static String commandSetName(int id) {
    return switch (id) {
      case 0x0000 -> "none";
      case COMMAND_SET_INTEL_EXTENDED -> "Intel/Sharp Extended";
      case COMMAND_SET_AMD_STANDARD -> "AMD/Fujitsu Standard";
      case COMMAND_SET_INTEL_STANDARD -> "Intel Standard";
      case 0x0004 -> "AMD/Fujitsu Extended";
      case 0x0100 -> "Mitsubishi Standard";
      case 0x0101 -> "Mitsubishi Extended";
      case 0x0200 -> "Intel Performance Code";
      case 0x0201 -> "Intel Data";
      default -> "unknown";
    };
  }

  /**
   * @return the name of a device interface code (0x28), e.g. "x8/x16"
   */
  public static String interfaceName(int code) {
    return switch (code) {
      case 0 -> "x8 asynchronous";
      case 1 -> "x16 asynchronous";
      case 2 -> "x8/x16 asynchronous";
      case 3 -> "x32 asynchronous";
      case 5 -> "x16/x32 asynchronous";
      default -> "unknown (" + code + ")";
    };
  }
}
