package org.flashstack.driver.spinor;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.flashstack.sfdp.QuadEnableRequirement;

/**
 * The parameters of a chip given by hand, for a part whose SFDP is missing (older parts answer Read
 * SFDP 5Ah with nothing) or unusable. The driver uses them only for a chip whose RDID starts with
 * {@link #jedecId()}, and only where the chip's own SFDP cannot be used, unless {@link
 * #overrideSfdp()} says to use them anyway.
 *
 * @param name what the part is called, shown by {@code flash:info}
 * @param jedecId the leading RDID bytes (manufacturer, then device ID) that identify it, 1 to 6
 * @param size the density in bytes
 * @param pageSize the program page, a power of two
 * @param erases the erase types (number 1 to 4, size, 3-byte instruction, maximum time)
 * @param addressBytes 3, or 4 (required above 16 MiB)
 * @param fourByteEntry how 4-byte addresses are used where {@code addressBytes} is 4
 * @param readMode the read's lanes as JESD216 writes them: 1-1-1, 1-1-2, 1-2-2, 1-1-4 or 1-4-4
 * @param readOpcode the read instruction (3-byte form)
 * @param readWaitClocks mode and dummy clocks of the read
 * @param quadEnable how the quad enable bit is set, for a quad read; null if the part has none
 * @param programTimeoutNanos the longest a page program may take
 * @param chipEraseTimeoutNanos the longest a chip erase may take
 * @param overrideSfdp whether these parameters win over a sound SFDP
 */
public record SpiNorHandPart(
    String name,
    byte[] jedecId,
    long size,
    int pageSize,
    List<SpiNorParameters.Erase> erases,
    int addressBytes,
    FourByteEntry fourByteEntry,
    String readMode,
    int readOpcode,
    int readWaitClocks,
    QuadEnableRequirement quadEnable,
    long programTimeoutNanos,
    long chipEraseTimeoutNanos,
    boolean overrideSfdp) {

  /** The factory configuration PID that gives a part by hand in the OSGi product. */
  public static final String FACTORY_PID = "org.flashstack.driver.spinor.part";

  /** The read modes a hand-configured part may name. */
  public static final List<String> READ_MODES =
      List.of("1-1-1", "1-1-2", "1-2-2", "1-1-4", "1-4-4");

  private static final long SIXTEEN_MIB = 1L << 24;

  /** How a part addressed with 4 bytes is told so. */
  public enum FourByteEntry {
    /** Enter 4-byte mode with EN4B (B7h). */
    B7,
    /** Write enable (06h), then EN4B (B7h). */
    WREN_B7,
    /** No mode: the dedicated 4-byte instructions (13h, 0Ch, 12h, 21h, DCh, ...). */
    OPCODES
  }

  /** Checks every parameter; a wrong one is an {@link IllegalArgumentException} naming it. */
  public SpiNorHandPart {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a hand-configured SPI NOR part needs a name");
    }
    Objects.requireNonNull(jedecId, "jedecId");
    jedecId = jedecId.clone();
    erases = List.copyOf(erases);
    Objects.requireNonNull(fourByteEntry, "fourByteEntry");
    readMode = readMode == null ? "" : readMode.trim();
    if (jedecId.length < 1 || jedecId.length > 6) {
      throw invalid(name, "jedecId has %d bytes; give 1 to 6 (e.g. 20 20 14)", jedecId.length);
    }
    if (size <= 0) {
      throw invalid(name, "size is %d bytes; give the density, e.g. 1M", size);
    }
    if (pageSize <= 0 || Integer.bitCount(pageSize) != 1 || pageSize > 4096) {
      throw invalid(name, "pageSize %d is not a power of two up to 4096", pageSize);
    }
    if (size % pageSize != 0) {
      throw invalid(name, "size %d is not a whole number of %d-byte pages", size, pageSize);
    }
    if (erases.isEmpty() || erases.size() > 4) {
      throw invalid(name, "give 1 to 4 erase types, not %d", erases.size());
    }
    for (SpiNorParameters.Erase erase : erases) {
      if (erase.size() < pageSize || Long.bitCount(erase.size()) != 1 || size % erase.size() != 0) {
        throw invalid(
            name,
            "erase type %02Xh of %d bytes is not a power of two of at least a page that divides"
                + " the size",
            erase.opcode(),
            erase.size());
      }
      if (erase.opcode() < 0 || erase.opcode() > 0xff) {
        throw invalid(name, "erase instruction %d is not one byte", erase.opcode());
      }
      if (erase.timeoutNanos() <= 0) {
        throw invalid(name, "erase type %02Xh has no positive maximum time", erase.opcode());
      }
    }
    if (addressBytes != 3 && addressBytes != 4) {
      throw invalid(name, "addressBytes is 3 or 4, not %d", addressBytes);
    }
    if (size > SIXTEEN_MIB && addressBytes == 3) {
      throw invalid(name, "a %d MiB part needs 4-byte addresses", size >> 20);
    }
    if (!READ_MODES.contains(readMode)) {
      throw invalid(name, "readMode '%s' is not one of %s", readMode, READ_MODES);
    }
    if (readOpcode < 0 || readOpcode > 0xff) {
      throw invalid(name, "readOpcode %d is not one byte", readOpcode);
    }
    if (readWaitClocks < 0 || readWaitClocks > 32) {
      throw invalid(name, "readWaitClocks %d is not 0 to 32", readWaitClocks);
    }
    if (readMode.endsWith("4")
        && (quadEnable == null || quadEnable == QuadEnableRequirement.RESERVED)) {
      throw invalid(name, "a %s read needs quadEnable: how the QE bit is set (or NONE)", readMode);
    }
    if (programTimeoutNanos <= 0 || chipEraseTimeoutNanos <= 0) {
      throw invalid(name, "the program and chip erase maximum times must be positive");
    }
  }

  private static IllegalArgumentException invalid(String name, String format, Object... args) {
    return new IllegalArgumentException(
        "hand-configured SPI NOR part " + name + ": " + String.format(Locale.ROOT, format, args));
  }

  @Override
  public byte[] jedecId() {
    return jedecId.clone();
  }

  /** Whether an RDID answer starts with this part's ID bytes. */
  public boolean matches(byte[] rdid) {
    if (rdid.length < jedecId.length) {
      return false;
    }
    for (int i = 0; i < jedecId.length; i++) {
      if (rdid[i] != jedecId[i]) {
        return false;
      }
    }
    return true;
  }
}
