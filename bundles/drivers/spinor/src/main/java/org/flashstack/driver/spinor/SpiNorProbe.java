package org.flashstack.driver.spinor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.sfdp.AddressMode;
import org.flashstack.sfdp.BasicFlashParameterTable;
import org.flashstack.sfdp.EraseType;
import org.flashstack.sfdp.FastRead;
import org.flashstack.sfdp.FourByteAddressInstructions;
import org.flashstack.sfdp.QuadEnableRequirement;
import org.flashstack.sfdp.SectorMap;
import org.flashstack.sfdp.SfdpDecoder;
import org.flashstack.sfdp.SfdpFormatException;
import org.flashstack.sfdp.SfdpSpace;

/**
 * Discovers a chip from its JEDEC ID and SFDP alone (no part table): density, page, erase types and
 * sector map, address mode and how to enter it, the fastest read both the chip and the controller's
 * lanes allow (setting the quad enable bit the way the table's QER says), and the timeouts. A table
 * known to be wrong is corrected and the correction named.
 */
final class SpiNorProbe {

  private static final String OPERATION = "probe";
  private static final long MAX_SFDP = 1 << 16;
  private static final long DEFAULT_PROGRAM_TIMEOUT_NANOS = 10_000_000L;
  private static final long DEFAULT_ERASE_TIMEOUT_NANOS = 4_000_000_000L;
  private static final long DEFAULT_CHIP_ERASE_TIMEOUT_NANOS = 500_000_000_000L;
  private static final int MANUFACTURER_SST = 0xbf;
  private static final int SST_GLOBAL_UNLOCK = 0x98;

  /** The dedicated 4-byte instruction of each 3-byte one (JESD216B 4-Byte Address table). */
  static final Map<Integer, Integer> FOUR_BYTE =
      Map.of(
          0x03, 0x13, 0x0b, 0x0c, 0x3b, 0x3c, 0xbb, 0xbc, 0x6b, 0x6c, 0xeb, 0xec, 0x02, 0x12, 0x32,
          0x34, 0x38, 0x3e);

  /** The dedicated 4-byte erase instruction of each 3-byte one (JESD216B). */
  static final Map<Integer, Integer> FOUR_BYTE_ERASE = Map.of(0x20, 0x21, 0x52, 0x5c, 0xd8, 0xdc);

  private final SpiNorBus bus;
  private final SpiNorOptions options;
  private final SpiNorHandPart handPart;
  private final List<String> corrections = new ArrayList<>();

  /** Why the chip's SFDP cannot be used, once {@link #readSfdp} has found it so. */
  private String sfdpProblem;

  private SpiNorProbe(SpiNorBus bus, SpiNorOptions options, SpiNorHandPart handPart) {
    this.bus = bus;
    this.options = options;
    this.handPart = handPart;
  }

  /** Learns the chip from its SFDP. */
  static SpiNorParameters probe(SpiNorBus bus, SpiNorOptions options) throws FlashException {
    return new SpiNorProbe(bus, options, null).run();
  }

  /**
   * Drives the chip with parameters given by hand: only a chip whose RDID matches, and only where
   * its SFDP is missing or unusable unless the part says to override it.
   */
  static SpiNorParameters probe(SpiNorBus bus, SpiNorOptions options, SpiNorHandPart handPart)
      throws FlashException {
    return new SpiNorProbe(bus, options, java.util.Objects.requireNonNull(handPart, "handPart"))
        .run();
  }

  private FlashException fail(FlashError error, String detail) {
    return new FlashException(error, bus.name(), OPERATION, 0, detail);
  }

  private SpiNorParameters run() throws FlashException {
    bus.command(OPERATION, SpiNorBus.RELEASE_POWER_DOWN);
    bus.delay(50_000);
    if (options.softReset()) {
      bus.command(OPERATION, SpiNorBus.RESET_ENABLE);
      bus.command(OPERATION, SpiNorBus.RESET);
      bus.delay(100_000);
    }
    byte[] id = bus.query(OPERATION, SpiNorBus.READ_JEDEC_ID, 6);
    if (allSame(id, (byte) 0xff) || allSame(id, (byte) 0x00)) {
      throw fail(
          FlashError.UNAVAILABLE,
          String.format(
              "no chip answers on %s chip select %d: RDID (9Fh) reads %s",
              bus.device().bus(), bus.device().chipSelect(), hex(id, 3)));
    }
    id = significant(id);
    if (handPart != null && !handPart.matches(id)) {
      throw fail(
          FlashError.NOT_SUPPORTED,
          String.format(
              "RDID reads %s, not the hand-configured part %s (%s)",
              hex(id, id.length), handPart.name(), hex(handPart.jedecId(), 6)));
    }
    SfdpSpace sfdp = readSfdp(id);
    if (handPart != null) {
      if (sfdp != null && !handPart.overrideSfdp()) {
        throw fail(
            FlashError.NOT_SUPPORTED,
            String.format(
                "the chip has a usable SFDP (revision %s), which the spinor driver learns it from;"
                    + " the hand-configured part %s applies only to a chip without one, unless"
                    + " overrideSfdp is set",
                sfdp.revision(), handPart.name()));
      }
      return fromHandPart(id, sfdp);
    }
    if (sfdp == null) {
      throw fail(
          FlashError.NOT_SUPPORTED,
          sfdpProblem
              + String.format(
                  "; give its parameters by hand with a factory configuration of %s"
                      + " (jedecId=%s, size, erase types, read mode)",
                  SpiNorHandPart.FACTORY_PID, hex(id, 3)));
    }
    BasicFlashParameterTable bfpt = sfdp.bfpt();
    long size = bfpt.densityBytes();
    int pageSize = bfpt.pageSize() == null ? 256 : bfpt.pageSize();
    if (bfpt.pageSize() == null) {
      corrections.add("the BFPT (JESD216, 9 DWORDs) has no page size; 256 bytes assumed");
    }
    AddressMode mode = bfpt.addressMode();
    if (size > (1L << 24) && mode == AddressMode.THREE) {
      corrections.add(
          String.format(
              "the BFPT (DWORD 1) claims 3-byte addressing only for a %d MiB part; 4-byte"
                  + " addressing used as DWORD 16 announces",
              size >> 20));
      mode = AddressMode.THREE_OR_FOUR;
    }
    int addressBytes = mode == AddressMode.FOUR || size > (1L << 24) ? 4 : 3;
    FourByteAddressInstructions fourByteTable = sfdp.fourByteInstructions();
    boolean fourByteOpcodes = false;
    int enter = -1;
    boolean enterNeedsWriteEnable = false;
    if (addressBytes == 4 && mode != AddressMode.FOUR) {
      if (fourByteTable != null) {
        fourByteOpcodes = true;
      } else if (bfpt.enter4ByteMethods().contains("instruction B7h")) {
        enter = 0xb7;
      } else if (bfpt.enter4ByteMethods().contains("write enable 06h, then B7h")) {
        enter = 0xb7;
        enterNeedsWriteEnable = true;
      } else if (bfpt.lengthDwords() < 16) {
        enter = 0xb7;
        corrections.add(
            "the BFPT has no DWORD 16 (JESD216 " + bfpt.revision() + "); EN4B (B7h) assumed");
      } else if (bfpt.enter4ByteMethods().contains("dedicated 4-byte address instructions")) {
        fourByteOpcodes = true;
        corrections.add(
            "no 4-Byte Address Instruction Table; the standard 4-byte instructions assumed");
      } else {
        throw fail(
            FlashError.NOT_SUPPORTED,
            "the part is larger than 16 MiB but its SFDP names no way to address it with 4 bytes");
      }
    }
    unprotect(id, bfpt.quadEnable());
    SpiNorParameters.ReadMode read = chooseRead(bfpt, addressBytes, fourByteOpcodes);
    int program = fourByteOpcodes ? FOUR_BYTE.get(SpiNorBus.PAGE_PROGRAM) : SpiNorBus.PAGE_PROGRAM;
    List<SpiNorParameters.Erase> erases = new ArrayList<>();
    for (EraseType type : bfpt.eraseTypes()) {
      int opcode = type.opcode();
      if (fourByteOpcodes) {
        Integer four =
            fourByteTable == null
                ? FOUR_BYTE_ERASE.get(opcode)
                : fourByteTable.eraseOpcodes().get(type.number());
        if (four == null) {
          continue;
        }
        opcode = four;
      }
      long timeout =
          type.maximumMillis() == null
              ? DEFAULT_ERASE_TIMEOUT_NANOS
              : type.maximumMillis() * 1_000_000L;
      erases.add(new SpiNorParameters.Erase(type.number(), type.size(), opcode, timeout));
    }
    erases.sort((a, b) -> Long.compare(b.size(), a.size()));
    if (erases.isEmpty()) {
      throw fail(FlashError.NOT_SUPPORTED, "the SFDP announces no erase type the driver can use");
    }
    List<SpiNorParameters.Region> regions = regions(sfdp, size, erases, addressBytes);
    FlashGeometry geometry = geometry(size, regions, erases, pageSize);
    long programTimeout =
        bfpt.pageProgramMaximumMicros() == null
            ? DEFAULT_PROGRAM_TIMEOUT_NANOS
            : bfpt.pageProgramMaximumMicros() * 1000;
    long chipTimeout =
        bfpt.chipEraseMaximumMillis() == null
            ? DEFAULT_CHIP_ERASE_TIMEOUT_NANOS
            : bfpt.chipEraseMaximumMillis() * 1_000_000L;
    return new SpiNorParameters(
        id,
        sfdp,
        geometry,
        pageSize,
        addressBytes,
        fourByteOpcodes,
        enter,
        enterNeedsWriteEnable,
        read,
        program,
        erases,
        regions,
        programTimeout,
        chipTimeout,
        corrections,
        null);
  }

  /** The chip's SFDP space, or null with {@link #sfdpProblem} saying why it cannot be used. */
  private SfdpSpace readSfdp(byte[] id) throws FlashException {
    byte[] header = sfdp(0, 8);
    if (header[0] != 'S' || header[1] != 'F' || header[2] != 'D' || header[3] != 'P') {
      sfdpProblem =
          String.format(
              "the chip (JEDEC %s) has no SFDP (Read SFDP 5Ah returns %s), and the driver learns"
                  + " a part from SFDP only",
              hex(id, 3), hex(header, 4));
      return null;
    }
    int headers = (header[6] & 0xff) + 1;
    byte[] parameterHeaders = sfdp(8, 8 * headers);
    long end = 8 + 8L * headers;
    for (int i = 0; i < headers; i++) {
      int at = 8 * i;
      long pointer =
          (parameterHeaders[at + 4] & 0xff)
              | (parameterHeaders[at + 5] & 0xff) << 8
              | (parameterHeaders[at + 6] & 0xff) << 16;
      end = Math.max(end, pointer + 4L * (parameterHeaders[at + 3] & 0xff));
    }
    byte[] space = sfdp(0, (int) Math.min(MAX_SFDP, end));
    try {
      return SfdpDecoder.decode(space);
    } catch (SfdpFormatException e) {
      sfdpProblem = "the chip's SFDP is not usable: " + e.getMessage();
      return null;
    }
  }

  /** The parameters of a hand-configured part, with the chip set up the way they say. */
  private SpiNorParameters fromHandPart(byte[] id, SfdpSpace sfdp) throws FlashException {
    SpiNorHandPart part = handPart;
    corrections.add(
        String.format(
            "parameters configured by hand (part %s): %s",
            part.name(),
            sfdp == null
                ? sfdpProblem
                : "they override the chip's SFDP revision " + sfdp.revision()));
    boolean fourByte = part.addressBytes() == 4;
    boolean fourByteOpcodes =
        fourByte && part.fourByteEntry() == SpiNorHandPart.FourByteEntry.OPCODES;
    int enter = fourByte && !fourByteOpcodes ? 0xb7 : -1;
    boolean enterNeedsWriteEnable =
        enter >= 0 && part.fourByteEntry() == SpiNorHandPart.FourByteEntry.WREN_B7;
    unprotect(id, part.quadEnable());
    SpiNorParameters.ReadMode read = handRead(part, fourByteOpcodes);
    int program = fourByteOpcodes ? FOUR_BYTE.get(SpiNorBus.PAGE_PROGRAM) : SpiNorBus.PAGE_PROGRAM;
    List<SpiNorParameters.Erase> erases = new ArrayList<>();
    for (SpiNorParameters.Erase erase : part.erases()) {
      int opcode =
          fourByteOpcodes
              ? FOUR_BYTE_ERASE.getOrDefault(erase.opcode(), erase.opcode())
              : erase.opcode();
      erases.add(
          new SpiNorParameters.Erase(erase.number(), erase.size(), opcode, erase.timeoutNanos()));
    }
    erases.sort((a, b) -> Long.compare(b.size(), a.size()));
    List<SpiNorParameters.Region> regions =
        List.of(
            new SpiNorParameters.Region(
                0, part.size(), erases.stream().map(SpiNorParameters.Erase::number).toList()));
    return new SpiNorParameters(
        id,
        sfdp,
        geometry(part.size(), regions, erases, part.pageSize()),
        part.pageSize(),
        part.addressBytes(),
        fourByteOpcodes,
        enter,
        enterNeedsWriteEnable,
        read,
        program,
        erases,
        regions,
        part.programTimeoutNanos(),
        part.chipEraseTimeoutNanos(),
        corrections,
        part.name());
  }

  /**
   * The configured read, or fast read (0Bh) where the controller or the QE bit does not allow it.
   */
  private SpiNorParameters.ReadMode handRead(SpiNorHandPart part, boolean fourByteOpcodes)
      throws FlashException {
    String mode = part.readMode();
    int lanes = Math.max(mode.charAt(2) - '0', mode.charAt(4) - '0');
    int opcode = part.readOpcode();
    if (fourByteOpcodes) {
      opcode = FOUR_BYTE.getOrDefault(opcode, opcode);
    }
    String refused = null;
    if (lanes > options.maxLanes()) {
      refused = "the controller drives at most " + options.maxLanes() + " lanes";
    } else if (lanes == 4 && !enableQuad(part.quadEnable())) {
      refused = "the quad enable bit (" + part.quadEnable() + ") does not read back set";
    }
    if (refused == null) {
      return new SpiNorParameters.ReadMode(
          mode,
          opcode,
          SpiLanes.ofWidth(mode.charAt(2) - '0'),
          part.readWaitClocks(),
          SpiLanes.ofWidth(mode.charAt(4) - '0'));
    }
    corrections.add("the configured " + mode + " read is not used: " + refused + "; 0Bh instead");
    int fast = fourByteOpcodes ? FOUR_BYTE.get(SpiNorBus.FAST_READ) : SpiNorBus.FAST_READ;
    return new SpiNorParameters.ReadMode("1-1-1", fast, SpiLanes.SINGLE, 8, SpiLanes.SINGLE);
  }

  private byte[] sfdp(int address, int length) throws FlashException {
    byte[] out = new byte[length];
    bus.read(
        OPERATION,
        SpiNorBus.READ_SFDP,
        address,
        3,
        SpiLanes.SINGLE,
        8,
        SpiLanes.SINGLE,
        out,
        0,
        length);
    return out;
  }

  /** Where configured: SST's global unlock, or the SR1 block protection bits cleared. */
  private void unprotect(byte[] id, QuadEnableRequirement qer) throws FlashException {
    if (!options.unprotect()) {
      return;
    }
    if (id[0] == (byte) MANUFACTURER_SST) {
      bus.writeEnable(OPERATION, 0);
      bus.command(OPERATION, SST_GLOBAL_UNLOCK);
      corrections.add("SST parts power up with every block locked: global unlock (98h) issued");
    } else {
      clearBlockProtection(qer);
    }
  }

  private void clearBlockProtection(QuadEnableRequirement qer) throws FlashException {
    int protect = qer == QuadEnableRequirement.SR1_BIT6 ? 0x3c : 0x7c;
    int sr1 = bus.register(OPERATION, SpiNorBus.READ_STATUS_1);
    if ((sr1 & protect) == 0) {
      return;
    }
    writeRegister(SpiNorBus.WRITE_STATUS, sr1 & ~protect & 0xfc);
    corrections.add(
        String.format(
            "block protection cleared: SR1 0x%02x -> 0x%02x",
            sr1, bus.register(OPERATION, SpiNorBus.READ_STATUS_1)));
  }

  private SpiNorParameters.ReadMode chooseRead(
      BasicFlashParameterTable bfpt, int addressBytes, boolean fourByteOpcodes)
      throws FlashException {
    for (String mode : List.of("1-4-4", "1-1-4", "1-2-2", "1-1-2")) {
      FastRead read = bfpt.fastRead(mode);
      int lanes = Math.max(mode.charAt(2) - '0', mode.charAt(4) - '0');
      if (read == null || lanes > options.maxLanes()) {
        continue;
      }
      if (lanes == 4 && !enableQuad(bfpt.quadEnable())) {
        continue;
      }
      int opcode = read.opcode();
      if (fourByteOpcodes) {
        Integer four = FOUR_BYTE.get(opcode);
        if (four == null) {
          continue;
        }
        opcode = four;
      }
      return new SpiNorParameters.ReadMode(
          mode,
          opcode,
          SpiLanes.ofWidth(mode.charAt(2) - '0'),
          read.waitClocks(),
          SpiLanes.ofWidth(mode.charAt(4) - '0'));
    }
    int opcode = fourByteOpcodes ? FOUR_BYTE.get(SpiNorBus.FAST_READ) : SpiNorBus.FAST_READ;
    return new SpiNorParameters.ReadMode("1-1-1", opcode, SpiLanes.SINGLE, 8, SpiLanes.SINGLE);
  }

  /** Sets the quad enable bit as QER says; false where the table gives no usable way. */
  private boolean enableQuad(QuadEnableRequirement qer) throws FlashException {
    if (qer == null) {
      return false;
    }
    return switch (qer) {
      case NONE -> true;
      case SR1_BIT6 ->
          setBit(
              SpiNorBus.READ_STATUS_1, 0x40, sr1 -> new int[] {SpiNorBus.WRITE_STATUS, sr1 & 0xfc});
      case SR2_BIT1_WRITE_TWO_BYTES_ONE_BYTE_CLEARS,
          SR2_BIT1_WRITE_TWO_BYTES,
          SR2_BIT1_READ_35_WRITE_TWO_BYTES -> {
        int sr1 = bus.register(OPERATION, SpiNorBus.READ_STATUS_1);
        yield setBit(
            SpiNorBus.READ_STATUS_2,
            0x02,
            sr2 -> new int[] {SpiNorBus.WRITE_STATUS, sr1 & 0xfc, sr2});
      }
      case SR2_BIT1_WRITE_31 -> setBit(SpiNorBus.READ_STATUS_2, 0x02, sr2 -> new int[] {0x31, sr2});
      case SR2_BIT7 -> setBit(0x3f, 0x80, sr2 -> new int[] {0x3e, sr2});
      default -> false;
    };
  }

  /**
   * Sets {@code mask} in the register {@code readOpcode} reads, with the write command {@code
   * write} makes of the register's new value, unless it is set already.
   *
   * @return whether the bit reads back set
   */
  private boolean setBit(int readOpcode, int mask, java.util.function.IntFunction<int[]> write)
      throws FlashException {
    int value = bus.register(OPERATION, readOpcode);
    if ((value & mask) == 0) {
      writeRegister(write.apply(value | mask));
    }
    return (bus.register(OPERATION, readOpcode) & mask) != 0;
  }

  /** WREN, the register write command, then the write time (tW) waited out. */
  private void writeRegister(int... command) throws FlashException {
    bus.writeEnable(OPERATION, 0);
    bus.command(OPERATION, command);
    bus.waitReady(OPERATION, 0, DEFAULT_ERASE_TIMEOUT_NANOS);
  }

  private List<SpiNorParameters.Region> regions(
      SfdpSpace sfdp, long size, List<SpiNorParameters.Erase> erases, int addressBytes)
      throws FlashException {
    SectorMap map = sfdp.sectorMap();
    if (map == null) {
      return List.of(
          new SpiNorParameters.Region(
              0, size, erases.stream().map(SpiNorParameters.Erase::number).toList()));
    }
    int configuration = 0;
    for (SectorMap.ConfigurationDetection detection : map.detections()) {
      byte[] value = new byte[1];
      int bytes = detection.addressBytes() < 0 ? addressBytes : detection.addressBytes();
      bus.read(
          OPERATION,
          detection.opcode(),
          detection.address(),
          bytes,
          SpiLanes.SINGLE,
          detection.dummyClocks() < 0 ? 8 : detection.dummyClocks(),
          SpiLanes.SINGLE,
          value,
          0,
          1);
      configuration = configuration << 1 | ((value[0] & detection.dataMask()) != 0 ? 1 : 0);
    }
    for (SectorMap.Map one : map.maps()) {
      if (one.configurationId() == configuration) {
        return one.regions().stream()
            .map(r -> new SpiNorParameters.Region(r.offset(), r.size(), r.eraseTypes()))
            .toList();
      }
    }
    throw fail(
        FlashError.NOT_SUPPORTED,
        "the sector map has no map for the configuration the chip reports (" + configuration + ")");
  }

  private FlashGeometry geometry(
      long size,
      List<SpiNorParameters.Region> regions,
      List<SpiNorParameters.Erase> erases,
      int pageSize)
      throws FlashException {
    List<EraseRegion> list = new ArrayList<>();
    for (SpiNorParameters.Region region : regions) {
      long smallest = Long.MAX_VALUE;
      for (SpiNorParameters.Erase erase : erases) {
        if (region.eraseTypes().contains(erase.number())) {
          smallest = Math.min(smallest, erase.size());
        }
      }
      if (smallest == Long.MAX_VALUE || region.size() % smallest != 0) {
        throw fail(
            FlashError.NOT_SUPPORTED,
            String.format(
                "sector map region at 0x%x has no erase type the driver can use", region.offset()));
      }
      EraseRegion next =
          new EraseRegion(region.offset(), smallest, (int) (region.size() / smallest));
      if (!list.isEmpty() && list.get(list.size() - 1).blockSize() == smallest) {
        EraseRegion last = list.remove(list.size() - 1);
        next = new EraseRegion(last.offset(), smallest, last.blockCount() + next.blockCount());
      }
      list.add(next);
    }
    return new FlashGeometry(size, list, 1, pageSize, 0xff);
  }

  /**
   * The ID bytes the chip really has: RDID repeats or floats after the ID on most parts, so six
   * bytes are read and the three the JEDEC standard defines are kept unless more follow.
   */
  static byte[] significant(byte[] id) {
    byte[] tail = java.util.Arrays.copyOfRange(id, 3, id.length);
    boolean repeats = java.util.Arrays.equals(tail, java.util.Arrays.copyOf(id, tail.length));
    return repeats || allSame(tail, (byte) 0xff) || allSame(tail, (byte) 0x00)
        ? java.util.Arrays.copyOf(id, 3)
        : id;
  }

  private static boolean allSame(byte[] bytes, byte value) {
    for (byte b : bytes) {
      if (b != value) {
        return false;
      }
    }
    return true;
  }

  static String hex(byte[] bytes, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(length, bytes.length); i++) {
      text.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
    }
    return text.toString();
  }
}
