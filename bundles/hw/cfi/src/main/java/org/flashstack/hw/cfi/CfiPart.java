package org.flashstack.hw.cfi;

import static org.flashstack.api.cfi.CfiQueryOffsets.*;

import java.util.ArrayList;
import java.util.List;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.flash.EraseRegion;

/**
 * A real CFI part as its datasheet describes it: identity, sector layout by address, optional
 * features, and its query table byte for byte (which is what firmware probing the part sees, odd
 * habits included: AMD top-boot parts list their erase block regions bottom-boot first). Busy times
 * are the typical times the query table gives.
 *
 * @param name the part name, as configured (e.g. {@code S29GL01GS})
 * @param manufacturer JEDEC manufacturer code
 * @param deviceId device ID (word mode; byte mode reads its low byte)
 * @param deviceId2 second device ID word (S29GL autoselect 0x0E), 0 if none
 * @param deviceId3 third device ID word (autoselect 0x0F), 0 if none
 * @param sectors the sectors by address, in device bytes
 * @param query the query table, index = query address
 * @param programSuspend whether programs can be suspended
 * @param advancedSectorProtection whether the part has PPB / DYB sector protection
 * @param datasheet where the table comes from
 * @param lockedAtPowerUp whether every block is locked after power-up (Intel boot-block parts)
 */
public record CfiPart(
    String name,
    int manufacturer,
    int deviceId,
    int deviceId2,
    int deviceId3,
    List<EraseRegion> sectors,
    byte[] query,
    boolean programSuspend,
    boolean advancedSectorProtection,
    String datasheet,
    boolean lockedAtPowerUp) {

  /** Intel primary extended table, optional feature bit 3: legacy lock/unlock. */
  private static final long LEGACY_LOCK_UNLOCK = 1 << 3;

  /** Intel primary extended table, optional feature bit 5: instant individual block locking. */
  private static final long INSTANT_INDIVIDUAL_BLOCK_LOCKING = 1 << 5;

  /** A part whose blocks are unlocked at power-up. */
  public CfiPart(
      String name,
      int manufacturer,
      int deviceId,
      int deviceId2,
      int deviceId3,
      List<EraseRegion> sectors,
      byte[] query,
      boolean programSuspend,
      boolean advancedSectorProtection,
      String datasheet) {
    this(
        name,
        manufacturer,
        deviceId,
        deviceId2,
        deviceId3,
        sectors,
        query,
        programSuspend,
        advancedSectorProtection,
        datasheet,
        false);
  }

  /** Copies the lists and the table, and checks the table against the layout. */
  public CfiPart {
    sectors = List.copyOf(sectors);
    query = query.clone();
    long size = 0;
    for (EraseRegion region : sectors) {
      size += region.size();
    }
    if (size != 1L << u8(query, DEVICE_SIZE)) {
      throw new IllegalArgumentException(
          name + ": the sectors cover " + size + " bytes, the query table says another size");
    }
  }

  /**
   * @return the primary command set the query table names (0x0001 Intel, 0x0002 AMD)
   */
  public int commandSet() {
    return u8(query, PRIMARY_COMMAND_SET) | u8(query, PRIMARY_COMMAND_SET + 1) << 8;
  }

  /**
   * @return whether the part speaks the AMD/Fujitsu command set
   */
  public boolean isAmd() {
    return commandSet() == CfiQuery.COMMAND_SET_AMD_STANDARD;
  }

  /**
   * @return the device size in bytes
   */
  public long size() {
    return 1L << u8(query, DEVICE_SIZE);
  }

  /**
   * @return the device interface code (0x28): 0 x8, 1 x16, 2 x8/x16
   */
  public int interfaceCode() {
    return u8(query, INTERFACE_DESCRIPTION) | u8(query, INTERFACE_DESCRIPTION + 1) << 8;
  }

  /**
   * @return whether the part runs with an 8-bit data bus (x8 parts, and x8/x16 parts in byte mode)
   */
  public boolean supportsByteMode() {
    return interfaceCode() == 0 || interfaceCode() == 2;
  }

  /**
   * @return whether the part runs with a 16-bit data bus
   */
  public boolean supportsWordMode() {
    return interfaceCode() == 1 || interfaceCode() == 2;
  }

  /**
   * @return the write buffer in bytes (0x2a), 0 for none
   */
  public int writeBufferBytes() {
    int log2 = u8(query, MAX_WRITE_BUFFER_SIZE);
    return log2 == 0 ? 0 : 1 << log2;
  }

  /**
   * @return the typical time the query table gives at {@code offset} (2^n), in nanoseconds of
   *     {@code unitNanos}, 0 if the field is 0
   */
  private long typical(int offset, long unitNanos) {
    int log2 = u8(query, offset);
    return log2 == 0 ? 0 : (1L << log2) * unitNanos;
  }

  /**
   * @return the identity and times the AMD device model runs with
   */
  public AmdCommandSetChip.Part amdPart() {
    long sectorErase = typical(TYPICAL_BLOCK_ERASE_TIMEOUT, 1_000_000);
    long chipErase = typical(TYPICAL_CHIP_ERASE_TIMEOUT, 1_000_000);
    if (chipErase == 0) {
      int count = 0;
      for (EraseRegion region : sectors) {
        count += region.blockCount();
      }
      chipErase = count * sectorErase;
    }
    return new AmdCommandSetChip.Part(
        manufacturer,
        deviceId,
        deviceId2,
        deviceId3,
        typical(TYPICAL_WORD_PROGRAM_TIMEOUT, 1_000),
        sectorErase,
        chipErase,
        writeBufferBytes(),
        typical(TYPICAL_BUFFER_WRITE_TIMEOUT, 1_000),
        programSuspend,
        advancedSectorProtection);
  }

  /**
   * @return what an Intel/Sharp device of this part has, from its primary extended table: suspend
   *     (optional feature bits 1 and 2), the protection register (bit 6), lock-down (block status
   *     mask bit 1), non-volatile lock bits (legacy lock/unlock, bit 3, without instant individual
   *     block locking, bit 5)
   */
  public IntelCommandSetChip.Features intelFeatures() {
    int p = u8(query, PRIMARY_EXTENDED_TABLE_ADDRESS);
    long optional =
        u8(query, p + PRI_OPTIONAL_FEATURES) | (long) u8(query, p + PRI_OPTIONAL_FEATURES + 1) << 8;
    int blockStatus = u8(query, p + PRI_BLOCK_STATUS_MASK);
    return new IntelCommandSetChip.Features(
        manufacturer,
        deviceId,
        writeBufferBytes(),
        lockedAtPowerUp,
        (blockStatus & 0x02) != 0,
        (optional & (1 << 6)) != 0,
        (optional & 0x06) != 0,
        -1,
        (optional & LEGACY_LOCK_UNLOCK) != 0 && (optional & INSTANT_INDIVIDUAL_BLOCK_LOCKING) == 0);
  }

  /**
   * @return the sectors of a bank of {@code interleave} devices of this part, in bank bytes
   */
  public List<EraseRegion> bankSectors(int interleave) {
    List<EraseRegion> bank = new ArrayList<>();
    for (EraseRegion region : sectors) {
      bank.add(
          new EraseRegion(
              region.offset() * interleave, region.blockSize() * interleave, region.blockCount()));
    }
    return bank;
  }

  /**
   * @return the query table (a copy)
   */
  @Override
  public byte[] query() {
    return query.clone();
  }

  /**
   * A query table from its datasheet listing: the bytes from query address {@code start} on, as
   * hexadecimal pairs; addresses below {@code start} read 0.
   */
  static byte[] table(int start, String hex) {
    String[] pairs = hex.trim().split("\\s+");
    byte[] table = new byte[start + pairs.length];
    for (int i = 0; i < pairs.length; i++) {
      table[start + i] = (byte) Integer.parseInt(pairs[i], 16);
    }
    return table;
  }

  /** Sectors by address from runs of (count, size in KiB). */
  static List<EraseRegion> runs(int... countAndKib) {
    List<EraseRegion> regions = new ArrayList<>();
    long offset = 0;
    for (int i = 0; i < countAndKib.length; i += 2) {
      long size = (long) countAndKib[i + 1] << 10;
      regions.add(new EraseRegion(offset, size, countAndKib[i]));
      offset += size * countAndKib[i];
    }
    return regions;
  }

  private static int u8(byte[] table, int at) {
    return at < table.length ? table[at] & 0xff : 0;
  }

  @Override
  public String toString() {
    return String.format(
        "%s (manufacturer 0x%02x, device 0x%04x, %d KiB, command set 0x%04x)",
        name, manufacturer, deviceId, size() >> 10, commandSet());
  }
}
