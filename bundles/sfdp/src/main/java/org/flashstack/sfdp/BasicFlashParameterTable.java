package org.flashstack.sfdp;

import java.util.List;

/**
 * The Basic Flash Parameter Table (JESD216 section 6.4), as long as the table is: fields of DWORDs
 * the table does not have are null (or empty lists).
 *
 * @param revision the table's revision, from its parameter header
 * @param lengthDwords how many DWORDs the table has (9 for JESD216, 16 for A and B, 20 for C, 23
 *     for D and later)
 * @param erase4kOpcode DWORD 1: the 4 KiB erase instruction when 4 KiB erase is supported uniformly
 *     (bits 1:0 = 01b), else null
 * @param writeGranularity64 DWORD 1 bit 2: program buffer of 64 bytes or more
 * @param volatileStatusWriteOpcode DWORD 1 bits 4:3: the write enable for volatile status bits
 *     (0x50 or 0x06) when the status register has volatile bits, else null
 * @param addressMode DWORD 1 bits 18:17
 * @param dtr DWORD 1 bit 19: double transfer rate clocking
 * @param densityBytes DWORD 2, either encoding
 * @param fastReads DWORDs 1 and 3 to 7 (and 17 for octal): the supported fast reads in the order
 *     1-1-2, 1-2-2, 1-1-4, 1-4-4, 2-2-2, 4-4-4, 1-1-8, 1-8-8
 * @param eraseTypes DWORDs 8 and 9 (times from DWORD 10): the erase types that exist
 * @param pageSize DWORD 11: page size in bytes, or null
 * @param pageProgramTypicalMicros DWORD 11: typical page program time, or null
 * @param pageProgramMaximumMicros DWORD 11: maximum page program time, or null
 * @param byteProgramFirstTypicalMicros DWORD 11: typical program time of the first byte, or null
 * @param byteProgramAdditionalTypicalMicros DWORD 11: of each additional byte, or null
 * @param chipEraseTypicalMillis DWORD 11: typical chip erase time, or null
 * @param chipEraseMaximumMillis DWORD 11: maximum chip erase time, or null
 * @param suspendResume DWORDs 12 and 13, or null when unsupported or absent
 * @param deepPowerDown DWORD 14, or null when unsupported or absent
 * @param busyPolling DWORD 14 bits 7:2: how to poll for busy (e.g. {@code "status register 05h bit
 *     0"}), empty when absent
 * @param quadEnable DWORD 15 bits 22:20, or null
 * @param enter4ByteMethods DWORD 16 bits 31:24: ways to enter 4-byte addressing
 * @param exit4ByteMethods DWORD 16 bits 23:14: ways to leave it
 * @param softReset DWORD 16 bits 13:8: soft reset and rescue sequences
 * @param statusRegister1Writes DWORD 16 bits 6:0: how status register 1 is written
 * @param dwords every DWORD of the table, as read
 */
public record BasicFlashParameterTable(
    SfdpRevision revision,
    int lengthDwords,
    Integer erase4kOpcode,
    boolean writeGranularity64,
    Integer volatileStatusWriteOpcode,
    AddressMode addressMode,
    boolean dtr,
    long densityBytes,
    List<FastRead> fastReads,
    List<EraseType> eraseTypes,
    Integer pageSize,
    Long pageProgramTypicalMicros,
    Long pageProgramMaximumMicros,
    Long byteProgramFirstTypicalMicros,
    Long byteProgramAdditionalTypicalMicros,
    Long chipEraseTypicalMillis,
    Long chipEraseMaximumMillis,
    SuspendResume suspendResume,
    DeepPowerDown deepPowerDown,
    List<String> busyPolling,
    QuadEnableRequirement quadEnable,
    List<String> enter4ByteMethods,
    List<String> exit4ByteMethods,
    List<String> softReset,
    List<String> statusRegister1Writes,
    List<Integer> dwords) {

  /** Copies the lists. */
  public BasicFlashParameterTable {
    fastReads = List.copyOf(fastReads);
    eraseTypes = List.copyOf(eraseTypes);
    busyPolling = List.copyOf(busyPolling);
    enter4ByteMethods = List.copyOf(enter4ByteMethods);
    exit4ByteMethods = List.copyOf(exit4ByteMethods);
    softReset = List.copyOf(softReset);
    statusRegister1Writes = List.copyOf(statusRegister1Writes);
    dwords = List.copyOf(dwords);
  }

  /**
   * @param mode e.g. {@code "1-1-4"}
   * @return that fast read, or null when the table does not announce it
   */
  public FastRead fastRead(String mode) {
    for (FastRead read : fastReads) {
      if (read.mode().equals(mode)) {
        return read;
      }
    }
    return null;
  }

  /**
   * @param number 1 to 4
   * @return that erase type, or null when it does not exist
   */
  public EraseType eraseType(int number) {
    for (EraseType type : eraseTypes) {
      if (type.number() == number) {
        return type;
      }
    }
    return null;
  }
}
