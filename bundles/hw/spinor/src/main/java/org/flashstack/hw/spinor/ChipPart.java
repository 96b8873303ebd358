package org.flashstack.hw.spinor;

import java.util.List;
import java.util.Map;

/**
 * One real SPI NOR part as its datasheet describes it, read from a catalog entry ({@link
 * ChipCatalog}). Opcodes are 0x00 to 0xff, absent ones -1; times are microseconds.
 *
 * @param name the part number, e.g. {@code W25Q256JV}
 * @param vendor the manufacturer, e.g. {@code Winbond}
 * @param description one line
 * @param notes what the model does differently from the silicon, or what a user should know
 * @param jedecId the bytes RDID (0x9f) returns, manufacturer first
 * @param legacyIds other ID reads: opcode to the bytes they return (0x90 REMS: manufacturer and
 *     device ID after a 3-byte address; 0xab RES: the electronic signature after 3 dummy bytes)
 * @param size density in bytes
 * @param pageSize the program page in bytes
 * @param eraseTypes the erase instructions, numbered 1 to 4 as the part's SFDP numbers them
 * @param regions the sector map from address 0 up: which erase types work where; one region
 *     covering the part with every type for a uniform part
 * @param chipEraseOpcodes the chip erase instructions (0x60, 0xc7)
 * @param addressing 3- and 4-byte addressing
 * @param reads the read instructions with their lanes and wait clocks
 * @param programs the page program instructions with their lanes
 * @param registers the status, configuration and other registers, in the order of their names
 * @param writeStatus the Write Status Register instruction (0x01) and the registers its data bytes
 *     fill, in order
 * @param volatileWriteEnable the Write Enable for Volatile Status Register instruction (0x50), or
 *     -1
 * @param clearStatus an instruction that clears the error bits (0x30 CLSR, 0x50 CLFSR), or -1
 * @param errorHoldsBusy whether a failed program or erase leaves the busy bit set until the error
 *     is cleared (Spansion S25FL-S)
 * @param roles which register bits mean what to the model
 * @param protection the block protection scheme
 * @param suspend suspend and resume, or null
 * @param reset soft reset, or null
 * @param deepPowerDown deep power-down, or null
 * @param timing program, erase and register write times
 * @param sfdp where the part's SFDP table comes from
 */
public record ChipPart(
    String name,
    String vendor,
    String description,
    List<String> notes,
    byte[] jedecId,
    Map<Integer, byte[]> legacyIds,
    long size,
    int pageSize,
    List<EraseType> eraseTypes,
    List<Region> regions,
    List<Integer> chipEraseOpcodes,
    Addressing addressing,
    List<Read> reads,
    List<Program> programs,
    List<Register> registers,
    WriteStatus writeStatus,
    int volatileWriteEnable,
    int clearStatus,
    boolean errorHoldsBusy,
    Roles roles,
    Protection protection,
    Suspend suspend,
    Reset reset,
    DeepPowerDown deepPowerDown,
    Timing timing,
    Sfdp sfdp) {

  /** Copies the collections. */
  public ChipPart {
    notes = List.copyOf(notes);
    jedecId = jedecId.clone();
    legacyIds = Map.copyOf(legacyIds);
    eraseTypes = List.copyOf(eraseTypes);
    regions = List.copyOf(regions);
    chipEraseOpcodes = List.copyOf(chipEraseOpcodes);
    reads = List.copyOf(reads);
    programs = List.copyOf(programs);
    registers = List.copyOf(registers);
  }

  @Override
  public byte[] jedecId() {
    return jedecId.clone();
  }

  /**
   * @return the JEDEC ID as hex text, e.g. {@code ef4019}
   */
  public String jedecIdText() {
    StringBuilder text = new StringBuilder();
    for (byte b : jedecId) {
      text.append(String.format("%02x", b & 0xff));
    }
    return text.toString();
  }

  /**
   * @return the smallest erase unit, the sector the media counts wear in
   */
  public long smallestErase() {
    return eraseTypes.stream().mapToLong(EraseType::size).min().orElse(size);
  }

  /**
   * @param number 1 to 4
   * @return that erase type
   * @throws IllegalArgumentException if the part has none of that number
   */
  public EraseType eraseType(int number) {
    for (EraseType type : eraseTypes) {
      if (type.number() == number) {
        return type;
      }
    }
    throw new IllegalArgumentException(name + " has no erase type " + number);
  }

  /**
   * @param name a register name, e.g. {@code SR2}
   * @return its index in {@link #registers()}, or -1
   */
  public int registerIndex(String name) {
    for (int i = 0; i < registers.size(); i++) {
      if (registers.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChipPart part && part.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return String.format(
        "%s %s (%s, JEDEC %s, %d bytes)", vendor, name, description, jedecIdText(), size);
  }

  /**
   * An erase instruction.
   *
   * @param number 1 to 4
   * @param opcode the 3-byte-address (or current-mode) instruction
   * @param opcode4b the dedicated 4-byte-address instruction, or -1
   * @param size bytes erased, a power of two
   * @param typicalMicros typical erase time
   * @param maximumMicros maximum erase time
   */
  public record EraseType(
      int number, int opcode, int opcode4b, long size, long typicalMicros, long maximumMicros) {}

  /**
   * A sector map region.
   *
   * @param offset its first byte
   * @param size its length
   * @param eraseTypes the erase type numbers that work in it
   */
  public record Region(long offset, long size, List<Integer> eraseTypes) {

    /** Copies the list. */
    public Region {
      eraseTypes = List.copyOf(eraseTypes);
    }

    /**
     * @return the byte after the region
     */
    public long end() {
      return offset + size;
    }
  }

  /**
   * 3- and 4-byte addressing.
   *
   * @param mode {@code "3"}, {@code "3or4"} or {@code "4"}, as JESD216 names them
   * @param enter instructions that enter 4-byte addressing (0xb7)
   * @param exit instructions that leave it (0xe9, or 0x29 on ISSI parts)
   * @param needsWriteEnable whether WREN must precede enter and exit (Micron)
   * @param fourByteOpcodes each 3-byte instruction's dedicated 4-byte counterpart
   */
  public record Addressing(
      String mode,
      List<Integer> enter,
      List<Integer> exit,
      boolean needsWriteEnable,
      Map<Integer, Integer> fourByteOpcodes) {

    /** Copies the collections. */
    public Addressing {
      enter = List.copyOf(enter);
      exit = List.copyOf(exit);
      fourByteOpcodes = Map.copyOf(fourByteOpcodes);
    }
  }

  /**
   * A read instruction.
   *
   * @param mode JESD216's lanes, e.g. {@code "1-4-4"}
   * @param opcode the instruction (its 4-byte counterpart is in {@link Addressing})
   * @param dummyClocks wait states after address and mode clocks
   * @param modeClocks clocks of mode bits right after the address
   * @param needsQuadEnable whether the part ignores it unless the quad enable bit is set
   */
  public record Read(
      String mode, int opcode, int dummyClocks, int modeClocks, boolean needsQuadEnable) {

    /**
     * @return the lanes of phase 0 (instruction), 1 (address) or 2 (data)
     */
    public int lanes(int phase) {
      return mode.charAt(2 * phase) - '0';
    }
  }

  /**
   * A page program instruction.
   *
   * @param mode JESD216's lanes, e.g. {@code "1-1-4"}
   * @param opcode the instruction
   * @param needsQuadEnable whether the part ignores it unless the quad enable bit is set
   */
  public record Program(String mode, int opcode, boolean needsQuadEnable) {

    /**
     * @return the lanes of phase 0 (instruction), 1 (address) or 2 (data)
     */
    public int lanes(int phase) {
      return mode.charAt(2 * phase) - '0';
    }
  }

  /**
   * One 8-bit register.
   *
   * @param name as the datasheet spells it, e.g. {@code SR1}, {@code CR}, {@code FSR}
   * @param readOpcode its read instruction, or -1
   * @param writeOpcode its own write instruction (0x31 for SR2), or -1
   * @param bits the datasheet's names of bits 0 to 7
   * @param writable the bits a register write changes
   * @param nonVolatile the writable bits that keep their value across power cycles
   * @param oneTimeProgrammable the bits that, once written to 1, stay 1
   * @param factoryValue the value of the non-volatile bits as shipped
   * @param writeNeedsWriteEnable whether its writes need WREN (status registers do; a bank register
   *     may not)
   */
  public record Register(
      String name,
      int readOpcode,
      int writeOpcode,
      List<String> bits,
      int writable,
      int nonVolatile,
      int oneTimeProgrammable,
      int factoryValue,
      boolean writeNeedsWriteEnable) {

    /** Copies the list. */
    public Register {
      bits = List.copyOf(bits);
    }

    /**
     * @return the mask of every bit with that name, 0 if none
     */
    public int mask(String bit) {
      int mask = 0;
      for (int i = 0; i < bits.size(); i++) {
        if (bits.get(i).equals(bit)) {
          mask |= 1 << i;
        }
      }
      return mask;
    }
  }

  /**
   * A register bit (or bits of one name), {@code SR1.WEL}.
   *
   * @param register the index in {@link ChipPart#registers()}
   * @param mask the bits
   */
  public record Bit(int register, int mask) {}

  /**
   * Write Status Register.
   *
   * @param opcode the instruction (0x01)
   * @param registers the register indexes its data bytes fill, in order
   */
  public record WriteStatus(int opcode, List<Integer> registers) {

    /** Copies the list. */
    public WriteStatus {
      registers = List.copyOf(registers);
    }
  }

  /**
   * What register bits mean to the model; null where the part has no such bit.
   *
   * @param busy set while a program, erase or register write runs (WIP, BUSY)
   * @param ready clear while one runs (Micron's flag status READY)
   * @param writeEnable the write enable latch (WEL)
   * @param quadEnable the quad enable bit (QE, IOC), or null for a part that needs none
   * @param fourByteMode shows (or, when writable, sets) 4-byte addressing (ADS, 4BYTE, EXTADD)
   * @param fourBytePowerUp non-volatile: 4-byte addressing at power-up (ADP)
   * @param eraseSuspended set while an erase is suspended
   * @param programSuspended set while a program is suspended
   * @param programError set by a failed or refused program
   * @param eraseError set by a failed or refused erase
   * @param protectionError set by a program or erase refused by protection (Micron's flag status)
   * @param extendedAddress the register whose bits give address bits 31:24 in 3-byte mode (EAR,
   *     bank register), or -1
   */
  public record Roles(
      Bit busy,
      Bit ready,
      Bit writeEnable,
      Bit quadEnable,
      Bit fourByteMode,
      Bit fourBytePowerUp,
      Bit eraseSuspended,
      Bit programSuspended,
      Bit programError,
      Bit eraseError,
      Bit protectionError,
      int extendedAddress) {}

  /**
   * Block protection.
   *
   * @param scheme {@code "block-protect"} (BP bits with TB, SEC and CMP as the part has them),
   *     {@code "sst26"} (a block protection register, every block locked at power-up) or {@code
   *     "none"}
   * @param blockProtect the BP bits, BP0 first
   * @param topBottom TB: 1 protects from the bottom up, or null (protection from the top)
   * @param sector SEC: 1 protects 4 KiB sectors instead of blocks, or null
   * @param complement CMP: 1 inverts the protected area, or null
   * @param blockSize the unit of the BP table's first step, before scaling (64 KiB usually)
   * @param registerRead the SST26 Read Block Protection Register instruction (0x72), or -1
   * @param registerWrite the SST26 Write Block Protection Register instruction (0x42), or -1
   * @param globalUnlock the SST26 Global Block Protection Unlock instruction (0x98), or -1
   */
  public record Protection(
      String scheme,
      List<Bit> blockProtect,
      Bit topBottom,
      Bit sector,
      Bit complement,
      long blockSize,
      int registerRead,
      int registerWrite,
      int globalUnlock) {

    /** Copies the list. */
    public Protection {
      blockProtect = List.copyOf(blockProtect);
    }
  }

  /**
   * Program and erase suspend.
   *
   * @param suspend the suspend instruction (0x75, 0xb0)
   * @param resume the resume instruction (0x7a, 0x30)
   */
  public record Suspend(int suspend, int resume) {}

  /**
   * Soft reset: either reset enable then reset (0x66, 0x99), or one instruction (0xf0).
   *
   * @param enable the reset enable instruction, or -1
   * @param reset the reset instruction
   * @param micros how long the reset takes
   */
  public record Reset(int enable, int reset, long micros) {}

  /**
   * Deep power-down.
   *
   * @param enter the instruction (0xb9)
   * @param release the release instruction (0xab)
   * @param releaseMicros how long after the release the part takes instructions (tRES1)
   */
  public record DeepPowerDown(int enter, int release, long releaseMicros) {}

  /**
   * Program and register write times; erase times are per erase type.
   *
   * @param pageProgramMicros typical page program (tPP)
   * @param pageProgramMaximumMicros maximum page program
   * @param byteProgramFirstMicros typical first byte (tBP1)
   * @param byteProgramAdditionalMicros typical each further byte (tBP2)
   * @param statusWriteMicros non-volatile register write (tW)
   * @param chipEraseMicros typical chip erase (tCE)
   * @param chipEraseMaximumMicros maximum chip erase
   */
  public record Timing(
      long pageProgramMicros,
      long pageProgramMaximumMicros,
      long byteProgramFirstMicros,
      long byteProgramAdditionalMicros,
      long statusWriteMicros,
      long chipEraseMicros,
      long chipEraseMaximumMicros) {

    /**
     * @param bytes 1 to a page
     * @return typical time to program that many bytes of one page: first byte, then each further
     *     byte, at most the page time
     */
    public long programMicros(int bytes) {
      long estimate = byteProgramFirstMicros + (bytes - 1L) * byteProgramAdditionalMicros;
      return Math.max(1, Math.min(pageProgramMicros, estimate));
    }
  }

  /**
   * The SFDP table's source.
   *
   * @param revision the JESD216 revision the part's table has, e.g. {@code "1.6"}
   * @param dump the resource name of a real dump the part answers with exactly, or null to build
   *     one from the parameters
   */
  public record Sfdp(String revision, String dump) {}
}
