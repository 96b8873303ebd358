package org.flashstack.hw.spinor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SFDP space of a part: the real dump where the catalog has one, else a JESD216 table built
 * from its parameters: the Basic Flash Parameter Table of the part's revision (9 DWORDs for
 * JESD216, 16 for A and B, 20 for C, 23 for D and later), the 4-Byte Address Instruction Table
 * where it has 4-byte instructions and the Sector Map Parameter Table where its erase types differ
 * by region (both from JESD216B). Times are encoded in the table's units, rounded up.
 */
public final class SfdpTableBuilder {

  private static final int BFPT_ID = 0xff00;
  private static final int SECTOR_MAP_ID = 0xff81;
  private static final int FOUR_BYTE_ID = 0xff84;
  private static final int SPACE_BYTES = 256;

  private SfdpTableBuilder() {}

  /**
   * @param part a catalog part
   * @return the bytes the part answers Read SFDP with, from address 0
   */
  public static byte[] sfdpOf(ChipPart part) {
    if (part.sfdp().dump() != null) {
      try (InputStream in = ChipCatalog.resource("sfdp/" + part.sfdp().dump())) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(part.name() + ": cannot read its SFDP dump", e);
      }
    }
    return build(part);
  }

  /**
   * @param part a catalog part
   * @return a JESD216 table built from the part's parameters, whatever dump the catalog has
   */
  public static byte[] build(ChipPart part) {
    String[] revision = part.sfdp().revision().split("\\.");
    int major = Integer.parseInt(revision[0]);
    int minor = Integer.parseInt(revision[1]);
    List<int[]> tables = new ArrayList<>();
    List<int[]> headers = new ArrayList<>();
    tables.add(basicTable(part, minor));
    headers.add(new int[] {BFPT_ID, major, minor});
    boolean jesd216b = major > 1 || minor >= 6;
    if (jesd216b && !part.addressing().fourByteOpcodes().isEmpty()) {
      tables.add(fourByteTable(part));
      headers.add(new int[] {FOUR_BYTE_ID, 1, 0});
    }
    if (jesd216b && part.regions().size() > 1) {
      tables.add(sectorMap(part));
      headers.add(new int[] {SECTOR_MAP_ID, 1, 0});
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'S', 'F', 'D', 'P', (byte) minor, (byte) major});
    out.write(headers.size() - 1);
    out.write(0xff);
    int pointer = 8 + 8 * headers.size();
    pointer = (pointer + 15) & ~15;
    List<Integer> pointers = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      int[] header = headers.get(i);
      int[] table = tables.get(i);
      out.write(header[0] & 0xff);
      out.write(header[2]);
      out.write(header[1]);
      out.write(table.length);
      out.write(pointer & 0xff);
      out.write((pointer >>> 8) & 0xff);
      out.write((pointer >>> 16) & 0xff);
      out.write(header[0] >>> 8);
      pointers.add(pointer);
      pointer += 4 * table.length;
    }
    byte[] space = new byte[Math.max(SPACE_BYTES, (pointer + 255) & ~255)];
    Arrays.fill(space, (byte) 0xff);
    byte[] head = out.toByteArray();
    System.arraycopy(head, 0, space, 0, head.length);
    for (int i = 0; i < tables.size(); i++) {
      int at = pointers.get(i);
      for (int dword : tables.get(i)) {
        space[at] = (byte) dword;
        space[at + 1] = (byte) (dword >>> 8);
        space[at + 2] = (byte) (dword >>> 16);
        space[at + 3] = (byte) (dword >>> 24);
        at += 4;
      }
    }
    return space;
  }

  private static int length(int minor) {
    if (minor < 5) {
      return 9;
    }
    if (minor < 7) {
      return 16;
    }
    return minor == 7 ? 20 : 23;
  }

  private static ChipPart.Read read(ChipPart part, String mode) {
    ChipPart.Read found = null;
    for (ChipPart.Read read : part.reads()) {
      if (read.mode().equals(mode) && (found == null || read.dummyClocks() > 0)) {
        found = read;
      }
    }
    return found;
  }

  /** A 16-bit fast read field: dummy clocks 4:0, mode clocks 7:5, instruction 15:8. */
  private static int fastRead(ChipPart.Read read) {
    return read == null
        ? 0
        : (read.dummyClocks() & 0x1f) | (read.modeClocks() & 0b111) << 5 | read.opcode() << 8;
  }

  private static int[] basicTable(ChipPart part, int minor) {
    int[] dw = new int[length(minor)];
    Arrays.fill(dw, 0xffffffff);
    ChipPart.EraseType fourK = null;
    for (ChipPart.EraseType type : part.eraseTypes()) {
      if (type.size() == 4096) {
        fourK = type;
      }
    }
    boolean uniform4k = fourK != null;
    for (ChipPart.Region region : part.regions()) {
      uniform4k &= fourK != null && region.eraseTypes().contains(fourK.number());
    }
    int addressBits =
        switch (part.addressing().mode()) {
          case "3" -> 0b00;
          case "3or4" -> 0b01;
          default -> 0b10;
        };
    int dw1 = 0xff800000;
    dw1 |= uniform4k ? 0b01 : 0b11;
    dw1 |= 1 << 2;
    if (part.volatileWriteEnable() >= 0) {
      dw1 |= 1 << 3;
      dw1 |= part.volatileWriteEnable() == 0x06 ? 1 << 4 : 0;
    }
    dw1 |= (uniform4k ? fourK.opcode() : 0xff) << 8;
    dw1 |= read(part, "1-1-2") != null ? 1 << 16 : 0;
    dw1 |= addressBits << 17;
    dw1 |= read(part, "1-2-2") != null ? 1 << 20 : 0;
    dw1 |= read(part, "1-4-4") != null ? 1 << 21 : 0;
    dw1 |= read(part, "1-1-4") != null ? 1 << 22 : 0;
    dw[0] = dw1;
    long bits = part.size() * 8;
    dw[1] =
        bits <= (1L << 31) ? (int) (bits - 1) : 0x80000000 | (63 - Long.numberOfLeadingZeros(bits));
    dw[2] = fastRead(read(part, "1-4-4")) | fastRead(read(part, "1-1-4")) << 16;
    dw[3] = fastRead(read(part, "1-1-2")) | fastRead(read(part, "1-2-2")) << 16;
    dw[4] = 0xffffffee;
    dw[5] = 0x0000ffff;
    dw[6] = 0x0000ffff;
    int[] erase = {0xff00, 0xff00, 0xff00, 0xff00};
    for (ChipPart.EraseType type : part.eraseTypes()) {
      erase[type.number() - 1] = Long.numberOfTrailingZeros(type.size()) | type.opcode() << 8;
    }
    dw[7] = erase[0] | erase[1] << 16;
    dw[8] = erase[2] | erase[3] << 16;
    if (dw.length == 9) {
      return dw;
    }
    dw[9] = eraseTimes(part);
    dw[10] = programTimes(part);
    ChipPart.Suspend suspend = part.suspend();
    dw[11] = suspend == null ? 0xffffffff : 0x00000000;
    dw[12] =
        suspend == null
            ? 0xffffffff
            : suspend.suspend() << 24
                | suspend.resume() << 16
                | suspend.suspend() << 8
                | suspend.resume();
    dw[13] = powerDown(part);
    dw[14] = 0xff000000 | quadEnable(part) << 20;
    dw[15] = fourByteAddressing(part);
    if (dw.length > 16) {
      dw[16] = fastRead(read(part, "1-8-8")) | fastRead(read(part, "1-1-8")) << 16;
    }
    return dw;
  }

  /** DWORD 10: the erase times of each type, count and unit, and the maximum multiplier. */
  private static int eraseTimes(ChipPart part) {
    long[] units = {1_000, 16_000, 128_000, 1_000_000};
    int multiplier = 0;
    int dword = 0;
    int[] shifts = {4, 11, 18, 25};
    for (ChipPart.EraseType type : part.eraseTypes()) {
      int[] encoded = encode(type.typicalMicros(), units, 32);
      dword |= (encoded[0] | encoded[1] << 5) << shifts[type.number() - 1];
      multiplier = Math.max(multiplier, multiplier(type.typicalMicros(), type.maximumMicros()));
    }
    return dword | multiplier;
  }

  /** DWORD 11: page size, page and byte program times, chip erase time, maximum multiplier. */
  private static int programTimes(ChipPart part) {
    ChipPart.Timing timing = part.timing();
    int[] page = encode(timing.pageProgramMicros(), new long[] {8, 64}, 32);
    int[] first = encode(Math.max(1, timing.byteProgramFirstMicros()), new long[] {1, 8}, 16);
    int[] additional =
        encode(Math.max(1, timing.byteProgramAdditionalMicros()), new long[] {1, 8}, 16);
    int[] chip =
        encode(timing.chipEraseMicros(), new long[] {16_000, 256_000, 4_000_000, 64_000_000}, 32);
    int multiplier = multiplier(timing.pageProgramMicros(), timing.pageProgramMaximumMicros());
    return 0x80000000
        | multiplier
        | Integer.numberOfTrailingZeros(part.pageSize()) << 4
        | page[0] << 8
        | page[1] << 13
        | first[0] << 14
        | first[1] << 18
        | additional[0] << 19
        | additional[1] << 23
        | chip[0] << 24
        | chip[1] << 29;
  }

  /**
   * @return {count - 1, unit index}: the smallest unit whose count fits, rounded up
   */
  static int[] encode(long micros, long[] units, int counts) {
    for (int unit = 0; unit < units.length; unit++) {
      long count = (micros + units[unit] - 1) / units[unit];
      if (count <= counts) {
        return new int[] {(int) Math.max(0, count - 1), unit};
      }
    }
    return new int[] {counts - 1, units.length - 1};
  }

  /** The 4-bit N of "maximum = 2 * (N + 1) * typical", rounded up. */
  private static int multiplier(long typical, long maximum) {
    long ratio = (maximum + 2 * typical - 1) / (2 * Math.max(1, typical));
    return (int) Math.max(0, Math.min(15, ratio - 1));
  }

  private static int powerDown(ChipPart part) {
    int polling = 1 << 2;
    if (part.roles().ready() != null) {
      polling |= 1 << 3;
    }
    ChipPart.DeepPowerDown dpd = part.deepPowerDown();
    if (dpd == null) {
      return 0x80000000 | 0x7fffff00 | polling | 0b11;
    }
    int[] delay = encode(dpd.releaseMicros() * 1000, new long[] {128, 1_000, 8_000, 64_000}, 32);
    return dpd.enter() << 23
        | dpd.release() << 15
        | delay[1] << 13
        | delay[0] << 8
        | polling
        | 0b11;
  }

  /** DWORD 15 bits 22:20, from where the part keeps its quad enable bit and how it is written. */
  static int quadEnable(ChipPart part) {
    ChipPart.Bit bit = part.roles().quadEnable();
    if (bit == null) {
      return 0;
    }
    List<Integer> written = part.writeStatus().registers();
    if (bit.register() == 0 && bit.mask() == 0x40) {
      return 2;
    }
    if (bit.mask() == 0x80 && bit.register() != 0) {
      return 3;
    }
    if (bit.mask() == 0x02 && bit.register() != 0) {
      if (written.size() >= 2 && written.get(1) == bit.register()) {
        return part.registers().get(bit.register()).readOpcode() == 0x35 ? 5 : 4;
      }
      if (part.registers().get(bit.register()).writeOpcode() == 0x31) {
        return 6;
      }
    }
    return 7;
  }

  /** DWORD 16: how the part enters and leaves 4-byte addressing, resets, writes SR1. */
  private static int fourByteAddressing(ChipPart part) {
    ChipPart.Addressing addressing = part.addressing();
    boolean wren = addressing.needsWriteEnable();
    int enter = 0x80;
    int exit = 0b1110000000 | 1 << 4 | 1 << 6;
    if (addressing.enter().contains(0xb7)) {
      enter |= wren ? 0b10 : 0b01;
    }
    if (addressing.exit().contains(0xe9)) {
      exit |= wren ? 0b10 : 0b01;
    }
    int extended = part.roles().extendedAddress();
    if (extended >= 0) {
      ChipPart.Register register = part.registers().get(extended);
      if (register.readOpcode() == 0xc8 && register.writeOpcode() == 0xc5) {
        enter |= 1 << 2;
        exit |= 1 << 2;
      } else if (register.writeOpcode() == 0x17) {
        enter |= 1 << 3;
        exit |= 1 << 3;
      }
    }
    if (!addressing.fourByteOpcodes().isEmpty()) {
      enter |= 1 << 5;
    }
    if (addressing.mode().equals("4")) {
      enter |= 1 << 6;
    }
    int reset = 0;
    if (part.reset() != null) {
      exit |= 1 << 5;
      reset |= part.reset().enable() == 0x66 ? 1 << 4 : 1 << 3;
    }
    int statusWrite = part.volatileWriteEnable() >= 0 ? 1 << 3 : 1;
    if (addressing.mode().equals("3")) {
      enter = 0x80;
      exit = 0b1110000000;
    }
    return enter << 24 | exit << 14 | reset << 8 | 0x80 | statusWrite;
  }

  private static int[] fourByteTable(ChipPart part) {
    ChipPart.Addressing addressing = part.addressing();
    java.util.Collection<Integer> codes = addressing.fourByteOpcodes().values();
    int[][] bits = {
      {0, 0x13},
      {1, 0x0c},
      {2, 0x3c},
      {3, 0xbc},
      {4, 0x6c},
      {5, 0xec},
      {6, 0x12},
      {7, 0x34},
      {8, 0x3e},
      {20, 0x7c},
      {21, 0xcc},
      {23, 0x84},
      {24, 0x8e}
    };
    int support = 0xfe000000;
    for (int[] bit : bits) {
      if (codes.contains(bit[1])) {
        support |= 1 << bit[0];
      }
    }
    int erases = 0xffffffff;
    for (ChipPart.EraseType type : part.eraseTypes()) {
      if (type.opcode4b() >= 0) {
        support |= 1 << (8 + type.number());
        int shift = 8 * (type.number() - 1);
        erases = (erases & ~(0xff << shift)) | type.opcode4b() << shift;
      }
    }
    return new int[] {support, erases};
  }

  private static int[] sectorMap(ChipPart part) {
    List<ChipPart.Region> regions = part.regions();
    int[] table = new int[1 + regions.size()];
    table[0] = 0xff000000 | (regions.size() - 1) << 16 | 0xff;
    for (int i = 0; i < regions.size(); i++) {
      ChipPart.Region region = regions.get(i);
      int mask = 0;
      for (int type : region.eraseTypes()) {
        mask |= 1 << (type - 1);
      }
      table[1 + i] = (int) ((region.size() / 256 - 1) << 8) | 0xf0 | mask;
    }
    return table;
  }
}
