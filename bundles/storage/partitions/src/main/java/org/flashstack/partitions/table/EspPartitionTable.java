package org.flashstack.partitions.table;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ESP-IDF partition table, read and written as {@code gen_esp32part.py} 1.5 (ESP-IDF v5.5 to
 * v6.x) reads and writes it: CSV in (comments, optional header, K/M suffixes, keywords or numbers,
 * auto-placed offsets, negative sizes, flags, {@code $VARIABLES}, a byte order mark, any line
 * ending), the binary out byte for byte (32-byte entries, the MD5 entry, 0xFF padding to 0xC00
 * bytes), the binary in (magic, MD5, end marker and length checked) and the CSV out in the tool's
 * formatting. {@link #verify} applies every rule the tool applies; each refusal says which row and
 * why. Immutable.
 */
public final class EspPartitionTable {

  /** The first two bytes of every entry, and so of a binary table. */
  public static final byte[] MAGIC = {(byte) 0xaa, 0x50};

  /** The first two bytes of the MD5 entry. */
  public static final byte[] MD5_MAGIC = {(byte) 0xeb, (byte) 0xeb};

  /** One entry's length in the binary. */
  public static final int ENTRY_LENGTH = 32;

  /** The binary table's length: entries, MD5 entry and end marker fit below it, 0xFF fills it. */
  public static final int MAX_LENGTH = 0xc00;

  /** A name's length in the binary. */
  public static final int NAME_LENGTH = 16;

  private static final long U32 = 0xffff_ffffL;

  private final List<EspPartition> entries;
  private final List<String> warnings;

  private EspPartitionTable(List<EspPartition> entries, List<String> warnings) {
    this.entries = List.copyOf(entries);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * @param entries the rows, in table order
   * @return a table of them (not yet verified)
   */
  public static EspPartitionTable of(List<EspPartition> entries) {
    return new EspPartitionTable(entries, List.of());
  }

  /**
   * @return the rows, in table order
   */
  public List<EspPartition> entries() {
    return entries;
  }

  /**
   * @return what reading noticed without refusing (unknown flag bits dropped, names cut to 16
   *     bytes), one line each
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * @return whether {@code data} is a binary table: it starts with {@link #MAGIC}, as the tool
   *     decides
   */
  public static boolean isBinary(byte[] data) {
    return data.length >= 2 && data[0] == MAGIC[0] && data[1] == MAGIC[1];
  }

  /**
   * Reads a table in either form, told apart by its first two bytes as the tool does.
   *
   * @throws PartitionTableException if it is malformed (not verified: see {@link #verify})
   */
  public static EspPartitionTable read(byte[] data, EspTableOptions options)
      throws PartitionTableException {
    return isBinary(data) ? parseBinary(data, options) : parseCsv(data, options);
  }

  // ---- CSV in ----

  /**
   * Reads CSV bytes: UTF-8, or what a byte order mark says (UTF-8, UTF-16, UTF-32).
   *
   * @throws PartitionTableException for text that is not in its encoding or a malformed row
   */
  public static EspPartitionTable parseCsv(byte[] raw, EspTableOptions options)
      throws PartitionTableException {
    return parseCsv(decode(raw), options);
  }

  private static String decode(byte[] raw) throws PartitionTableException {
    Charset charset = StandardCharsets.UTF_8;
    int skip = 0;
    if (startsWith(raw, 0xef, 0xbb, 0xbf)) {
      skip = 3;
    } else if (startsWith(raw, 0xff, 0xfe) || startsWith(raw, 0xfe, 0xff)) {
      // the tool tries UTF-16's marks before UTF-32's, so FF FE 00 00 reads as UTF-16 too
      charset = StandardCharsets.UTF_16;
    } else if (startsWith(raw, 0x00, 0x00, 0xfe, 0xff)) {
      charset = Charset.forName("UTF-32");
    }
    try {
      CharBuffer text =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw, skip, raw.length - skip));
      return text.toString();
    } catch (CharacterCodingException e) {
      throw new PartitionTableException(
          "the CSV is not valid " + charset.name() + " text (" + e.getMessage() + ")");
    }
  }

  private static boolean startsWith(byte[] raw, int... prefix) {
    if (raw.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((raw[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** One CSV row while it is read: numbers as Python keeps them, unbounded. */
  private static final class Row {
    final int line;
    String name;
    BigInteger type;
    BigInteger subtype;
    BigInteger offset;
    BigInteger size;
    boolean encrypted;
    boolean readonly;

    Row(int line) {
      this.line = line;
    }

    boolean isPrimary(int primaryType) {
      return type.equals(BigInteger.valueOf(primaryType))
          && subtype.equals(BigInteger.valueOf(EspPartitionTypes.PRIMARY));
    }

    boolean sameAs(Row other) {
      return name.equals(other.name)
          && type.equals(other.type)
          && subtype.equals(other.subtype)
          && java.util.Objects.equals(offset, other.offset)
          && size.equals(other.size);
    }
  }

  /**
   * Reads CSV text.
   *
   * @throws PartitionTableException "Error at line N: ..." for a malformed row, or "CSV Error at
   *     line N: ..." for offsets that overlap while they are placed
   */
  public static EspPartitionTable parseCsv(String text, EspTableOptions options)
      throws PartitionTableException {
    List<Row> rows = new ArrayList<>();
    List<String> lines = ToolText.splitLines(text);
    for (int index = 0; index < lines.size(); index++) {
      String expanded = ToolText.expandVariables(lines.get(index), options.environment());
      String unknown = ToolText.unknownVariableAtStart(expanded);
      if (unknown != null) {
        throw new PartitionTableException("unknown variable '" + unknown + "'");
      }
      String line = ToolText.strip(expanded);
      if (line.startsWith("#") || line.isEmpty()) {
        continue;
      }
      try {
        rows.add(row(line, index + 1, options));
      } catch (PartitionTableException e) {
        throw new PartitionTableException("Error at line " + (index + 1) + ": " + e.getMessage());
      }
    }
    place(rows, options);
    List<EspPartition> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Row row : rows) {
      entries.add(fixed(row, warnings));
    }
    return new EspPartitionTable(entries, warnings);
  }

  private static Row row(String line, int number, EspTableOptions options)
      throws PartitionTableException {
    String[] split = (line + ",,,,").split(",", -1);
    String[] fields = new String[Math.max(split.length, 6)];
    Arrays.fill(fields, "");
    for (int i = 0; i < split.length; i++) {
      fields[i] = ToolText.strip(split[i]);
    }
    Row row = new Row(number);
    row.name = fields[0];
    if (fields[1].isEmpty()) {
      throw new PartitionTableException("Field 'type' can't be left empty.");
    }
    row.type = ToolText.parseInt(fields[1], EspPartitionTypes.types());
    Map<String, Integer> subtypeKeywords =
        fitsInt(row.type) ? EspPartitionTypes.subtypes(row.type.intValue()) : Map.of();
    if (fields[2].isEmpty()) {
      if (row.type.equals(BigInteger.valueOf(EspPartitionTypes.APP))) {
        throw new PartitionTableException("App partition cannot have an empty subtype");
      }
      row.subtype = BigInteger.valueOf(EspPartitionTypes.DATA_UNDEFINED);
    } else {
      row.subtype = ToolText.parseInt(fields[2], subtypeKeywords);
    }
    row.offset = address(fields[3], row, options);
    row.size = size(fields[4], row, options);
    if (row.size == null) {
      throw new PartitionTableException("Size field can't be empty");
    }
    for (String flag : fields[5].split(":", -1)) {
      if (flag.equals("encrypted")) {
        row.encrypted = true;
      } else if (flag.equals("readonly")) {
        row.readonly = true;
      } else if (!flag.isEmpty()) {
        throw new PartitionTableException("CSV flag column contains unknown flag '" + flag + "'");
      }
    }
    return row;
  }

  private static boolean fitsInt(BigInteger value) {
    return value.bitLength() < 32;
  }

  private static BigInteger address(String text, Row row, EspTableOptions options)
      throws PartitionTableException {
    if (row.type.equals(BigInteger.valueOf(EspPartitionTypes.BOOTLOADER))) {
      if (row.subtype.equals(BigInteger.ZERO)) {
        if (options.primaryBootloaderOffset() == null) {
          throw new PartitionTableException("Primary bootloader offset is not provided");
        }
        return BigInteger.valueOf(options.primaryBootloaderOffset());
      }
      if (row.subtype.equals(BigInteger.TWO)) {
        if (options.recoveryBootloaderOffset() == null) {
          throw new PartitionTableException("Recovery bootloader offset is not provided");
        }
        return BigInteger.valueOf(options.recoveryBootloaderOffset());
      }
    }
    if (row.isPrimary(EspPartitionTypes.PARTITION_TABLE)) {
      return BigInteger.valueOf(options.tableOffset());
    }
    return text.isEmpty() ? null : ToolText.parseInt(text, Map.of());
  }

  private static BigInteger size(String text, Row row, EspTableOptions options)
      throws PartitionTableException {
    if (row.type.equals(BigInteger.valueOf(EspPartitionTypes.BOOTLOADER))) {
      if (options.primaryBootloaderOffset() == null) {
        throw new PartitionTableException("Primary bootloader offset is not provided");
      }
      return BigInteger.valueOf(options.tableOffset() - options.primaryBootloaderOffset());
    }
    if (row.type.equals(BigInteger.valueOf(EspPartitionTypes.PARTITION_TABLE))) {
      return BigInteger.valueOf(EspTableOptions.TABLE_SECTOR);
    }
    return text.isEmpty() ? null : ToolText.parseInt(text, Map.of());
  }

  /** The tool's placement: empty offsets follow the previous row, aligned; negative sizes end. */
  private static void place(List<Row> rows, EspTableOptions options)
      throws PartitionTableException {
    BigInteger lastEnd = BigInteger.valueOf(options.tableOffset() + EspTableOptions.TABLE_SECTOR);
    for (Row row : rows) {
      if (row.isPrimary(EspPartitionTypes.BOOTLOADER)
          || row.isPrimary(EspPartitionTypes.PARTITION_TABLE)) {
        continue;
      }
      if (row.offset != null && row.offset.compareTo(lastEnd) < 0) {
        if (row.sameAs(rows.get(0))) {
          throw new PartitionTableException(
              String.format(
                  "CSV Error at line %d: Partitions overlap. Partition sets offset %s. But partition"
                      + " table occupies the whole sector 0x%x. Use a free offset %s or higher.",
                  row.line, hex(row.offset), options.tableOffset(), hex(lastEnd)));
        }
        throw new PartitionTableException(
            String.format(
                "CSV Error at line %d: Partitions overlap. Partition sets offset %s. Previous"
                    + " partition ends %s",
                row.line, hex(row.offset), hex(lastEnd)));
      }
      if (row.offset == null) {
        BigInteger align =
            BigInteger.valueOf(
                EspPartitionTypes.offsetAlignment(
                    fitsInt(row.type) ? row.type.intValue() : EspPartitionTypes.DATA));
        BigInteger past = lastEnd.mod(align);
        if (past.signum() != 0) {
          lastEnd = lastEnd.add(align.subtract(past));
        }
        row.offset = lastEnd;
      }
      if (row.size.signum() < 0) {
        row.size = row.size.negate().subtract(row.offset);
      }
      lastEnd = row.offset.add(row.size);
    }
  }

  /** The row in the binary's field widths, or why it cannot be. */
  private static EspPartition fixed(Row row, List<String> warnings) throws PartitionTableException {
    String where = "Error at line " + row.line + ": partition '" + row.name + "'";
    if (row.type.signum() < 0 || row.type.compareTo(BigInteger.valueOf(0xff)) > 0) {
      throw new PartitionTableException(
          where + ": type " + row.type + " does not fit the binary's byte (0 to 255)");
    }
    if (row.subtype.signum() < 0 || row.subtype.compareTo(BigInteger.valueOf(0xff)) > 0) {
      throw new PartitionTableException(
          where + ": subtype " + row.subtype + " does not fit the binary's byte (0 to 255)");
    }
    if (row.offset.signum() < 0 || row.offset.compareTo(BigInteger.valueOf(U32)) > 0) {
      throw new PartitionTableException(
          where + ": offset " + hex(row.offset) + " does not fit the binary's 32 bits");
    }
    if (row.size.signum() < 0) {
      throw new PartitionTableException(
          where
              + ": size "
              + hex(row.size)
              + " is negative (a negative size says where the partition ends, and "
              + hex(row.size.add(row.offset).negate())
              + " is before its offset "
              + hex(row.offset)
              + ")");
    }
    if (row.size.compareTo(BigInteger.valueOf(U32)) > 0) {
      throw new PartitionTableException(
          where + ": size " + hex(row.size) + " does not fit the binary's 32 bits");
    }
    noteLongName(row.name, "line " + row.line, warnings);
    return new EspPartition(
        row.name,
        row.type.intValue(),
        row.subtype.intValue(),
        row.offset.longValueExact(),
        row.size.longValueExact(),
        row.encrypted,
        row.readonly,
        "line " + row.line);
  }

  private static void noteLongName(String name, String row, List<String> warnings) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > NAME_LENGTH) {
      warnings.add(
          String.format(
              "WARNING: %s: the name '%s' is %d bytes; the binary keeps its first %d",
              row, name, utf8.length, NAME_LENGTH));
    }
  }

  /** Python's '0x%x' of any integer, negative ones as '0x-10'. */
  private static String hex(BigInteger value) {
    return "0x" + value.toString(16);
  }

  // ---- binary in ----

  /**
   * Reads a binary table: 32-byte entries up to the end marker (32 bytes of 0xFF), the MD5 entry
   * checked against the entries before it (unless {@code options.md5()} is off, when it is read as
   * an entry and refused for its magic, as the tool does).
   *
   * @throws PartitionTableException for a length that is not a multiple of 32 before the end
   *     marker, bad magic, an MD5 that does not match, a name that is not UTF-8, or no end marker
   */
  public static EspPartitionTable parseBinary(byte[] data, EspTableOptions options)
      throws PartitionTableException {
    MessageDigest md5 = md5();
    List<EspPartition> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int at = 0; at < data.length; at += ENTRY_LENGTH) {
      if (data.length - at < ENTRY_LENGTH) {
        throw new PartitionTableException(
            String.format(
                "Partition table length must be a multiple of 32 bytes (%d bytes, %d left over"
                    + " after entry %d at 0x%x)",
                data.length, data.length - at, entries.size(), at));
      }
      byte[] chunk = Arrays.copyOfRange(data, at, at + ENTRY_LENGTH);
      if (isEndMarker(chunk)) {
        return new EspPartitionTable(entries, warnings);
      }
      if (options.md5() && chunk[0] == MD5_MAGIC[0] && chunk[1] == MD5_MAGIC[1]) {
        byte[] computed = digestSoFar(md5);
        byte[] stored = Arrays.copyOfRange(chunk, 16, 32);
        if (!Arrays.equals(computed, stored)) {
          throw new PartitionTableException(
              String.format(
                  "MD5 checksums don't match! (computed: 0x%s, parsed: 0x%s) at 0x%x",
                  HexFormat.of().formatHex(computed), HexFormat.of().formatHex(stored), at));
        }
        continue;
      }
      md5.update(chunk);
      entries.add(entry(chunk, entries.size(), at, warnings));
    }
    throw new PartitionTableException(
        String.format(
            "Partition table is missing an end-of-table marker (%d entries in %d bytes)",
            entries.size(), data.length));
  }

  private static boolean isEndMarker(byte[] chunk) {
    for (byte b : chunk) {
      if (b != (byte) 0xff) {
        return false;
      }
    }
    return true;
  }

  private static EspPartition entry(byte[] chunk, int index, int at, List<String> warnings)
      throws PartitionTableException {
    String row = "entry " + index;
    if (chunk[0] != MAGIC[0] || chunk[1] != MAGIC[1]) {
      throw new PartitionTableException(
          String.format(
              "Invalid magic bytes (%02x %02x) for partition definition: %s at 0x%x",
              chunk[0] & 0xff, chunk[1] & 0xff, row, at));
    }
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int type = chunk[2] & 0xff;
    int subtype = chunk[3] & 0xff;
    long offset = buffer.getInt(4) & U32;
    long size = buffer.getInt(8) & U32;
    int nameEnd = 12;
    while (nameEnd < 28 && chunk[nameEnd] != 0) {
      nameEnd++;
    }
    String name;
    try {
      name =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(chunk, 12, nameEnd - 12))
              .toString();
    } catch (CharacterCodingException e) {
      throw new PartitionTableException(
          String.format("%s at 0x%x: the name is not UTF-8 text", row, at));
    }
    long flags = buffer.getInt(28) & U32;
    long unknown = flags & ~(long) (EspPartition.FLAG_ENCRYPTED | EspPartition.FLAG_READONLY);
    if (unknown != 0) {
      warnings.add(
          String.format(
              "WARNING: Partition definition had unknown flag(s) 0x%08x. Newer binary format?"
                  + " (%s '%s'; dropped)",
              unknown, row, name));
    }
    return new EspPartition(
        name,
        type,
        subtype,
        offset,
        size,
        (flags & EspPartition.FLAG_ENCRYPTED) != 0,
        (flags & EspPartition.FLAG_READONLY) != 0,
        row);
  }

  /** The digest of what was fed so far, which goes on counting (as Python's digest() does). */
  private static byte[] digestSoFar(MessageDigest md5) {
    try {
      return ((MessageDigest) md5.clone()).digest();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the platform's MD5 cannot be copied", e);
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has MD5", e);
    }
  }

  // ---- the tool's rules ----

  /**
   * Applies the tool's checks in its order: each row (offset alignment per type, app size
   * alignment, otadata and coredump never read-only, a read-write NVS at least 0x3000), then unique
   * names, nothing below the table's sector but the primary bootloader and table rows, no overlaps,
   * at most one otadata and one TEE otadata of 0x2000 bytes; then the flash size if the options
   * give one.
   *
   * @throws PartitionTableException the first rule broken, with the row
   */
  public void verify(EspTableOptions options) throws PartitionTableException {
    for (EspPartition p : entries) {
      verifyRow(p, options);
    }
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (EspPartition p : entries) {
      byName.computeIfAbsent(p.name(), name -> new ArrayList<>()).add(rowOf(p));
    }
    for (Map.Entry<String, List<String>> name : byName.entrySet()) {
      if (name.getValue().size() > 1) {
        throw new PartitionTableException(
            "Partition names must be unique: '"
                + name.getKey()
                + "' at "
                + String.join(", ", name.getValue()));
      }
    }
    List<EspPartition> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(EspPartition::offset));
    EspPartition last = null;
    long firstFree = options.tableOffset() + EspTableOptions.TABLE_SECTOR;
    for (EspPartition p : sorted) {
      boolean primaryBootloader =
          p.type() == EspPartitionTypes.BOOTLOADER && p.subtype() == EspPartitionTypes.PRIMARY;
      boolean primaryTable =
          p.type() == EspPartitionTypes.PARTITION_TABLE && p.subtype() == EspPartitionTypes.PRIMARY;
      if (p.offset() < firstFree && !primaryBootloader && !primaryTable) {
        throw new PartitionTableException(
            String.format(
                "Partition offset 0x%x is below 0x%x (%s; the table's own sector is 0x%x-0x%x)",
                p.offset(), firstFree, p.where(), options.tableOffset(), firstFree - 1));
      }
      if (last != null && p.offset() < last.end()) {
        throw new PartitionTableException(
            String.format(
                "Partition at 0x%x overlaps 0x%x-0x%x (%s overlaps %s)",
                p.offset(), last.offset(), last.end() - 1, p.where(), last.where()));
      }
      last = p;
    }
    checkOtadata(
        EspPartitionTypes.DATA_OTA,
        "Found multiple otadata partitions. Only one partition can be defined with"
            + " type=\"data\"(1) and subtype=\"ota\"(0).",
        "otadata partition must have size = 0x2000");
    checkOtadata(
        EspPartitionTypes.DATA_TEE_OTA,
        "Found multiple TEE otadata partitions. Only one partition can be defined with"
            + " type=\"data\"(1) and subtype=\"tee_ota\"(0x90).",
        "TEE otadata partition must have size = 0x2000");
    if (options.flashSize() > 0) {
      checkFits(options.flashSize());
    }
  }

  private static String rowOf(EspPartition p) {
    return p.row().isEmpty() ? "offset 0x" + Long.toHexString(p.offset()) : p.row();
  }

  private static void verifyRow(EspPartition p, EspTableOptions options)
      throws PartitionTableException {
    long offsetAlign = EspPartitionTypes.offsetAlignment(p.type());
    if (p.offset() % offsetAlign != 0) {
      throw invalid(
          p, String.format("Offset 0x%x is not aligned to 0x%x", p.offset(), offsetAlign));
    }
    if (p.type() == EspPartitionTypes.APP) {
      long sizeAlign = EspPartitionTypes.sizeAlignment(p.type(), options.secure());
      if (p.size() % sizeAlign != 0) {
        throw invalid(p, String.format("Size 0x%x is not aligned to 0x%x", p.size(), sizeAlign));
      }
    }
    if (p.type() == EspPartitionTypes.DATA
        && (p.subtype() == EspPartitionTypes.DATA_OTA
            || p.subtype() == EspPartitionTypes.DATA_COREDUMP)
        && p.readonly()) {
      throw invalid(
          p,
          String.format(
              "'%s' partition of type %d and subtype %d is always read-write and cannot be"
                  + " read-only",
              p.name(), p.type(), p.subtype()));
    }
    if (p.type() == EspPartitionTypes.DATA
        && p.subtype() == EspPartitionTypes.DATA_NVS
        && p.size() < EspPartitionTypes.NVS_READ_WRITE_MIN_SIZE
        && !p.readonly()) {
      throw invalid(
          p,
          String.format(
              "'%s' partition of type %d and subtype %d of this size (0x%x) must be flagged as"
                  + " 'readonly' (the size of read/write NVS has to be at least 0x%x)",
              p.name(),
              p.type(),
              p.subtype(),
              p.size(),
              EspPartitionTypes.NVS_READ_WRITE_MIN_SIZE));
    }
  }

  private static PartitionTableException invalid(EspPartition p, String message) {
    return new PartitionTableException(
        "Partition "
            + p.name()
            + " invalid: "
            + message
            + (p.row().isEmpty() ? "" : " (" + p.row() + ")"));
  }

  private void checkOtadata(int subtype, String several, String wrongSize)
      throws PartitionTableException {
    List<EspPartition> found =
        entries.stream()
            .filter(p -> p.type() == EspPartitionTypes.DATA && p.subtype() == subtype)
            .toList();
    if (found.size() > 1) {
      throw new PartitionTableException(
          several
              + " ("
              + String.join(", ", found.stream().map(EspPartition::where).toList())
              + ")");
    }
    if (found.size() == 1 && found.get(0).size() != EspPartitionTypes.OTADATA_SIZE) {
      throw new PartitionTableException(
          wrongSize
              + String.format(" (%s is 0x%x bytes)", found.get(0).where(), found.get(0).size()));
    }
  }

  /**
   * @return where the partition with the highest offset ends (the tool's "flash size" of a table),
   *     0 for an empty table
   */
  public long flashSize() {
    EspPartition last = null;
    for (EspPartition p : entries) {
      if (last == null || p.offset() > last.offset()) {
        last = p;
      }
    }
    return last == null ? 0 : last.end();
  }

  /**
   * The tool's {@code --flash-size} check.
   *
   * @throws PartitionTableException if the table ends past {@code flashSizeBytes}
   */
  public void checkFits(long flashSizeBytes) throws PartitionTableException {
    long tableSize = flashSize();
    if (flashSizeBytes < tableSize) {
      double mb = 1024 * 1024;
      throw new PartitionTableException(
          String.format(
              Locale.ROOT,
              "Partitions tables occupies %.1fMB of flash (%d bytes) which does not fit in"
                  + " available flash size %dMB.",
              tableSize / mb,
              tableSize,
              (long) (flashSizeBytes / mb)));
    }
  }

  // ---- out ----

  /**
   * @return the binary table: each entry, the MD5 entry if {@code md5}, 0xFF to {@link
   *     #MAX_LENGTH}; byte for byte what the tool writes
   * @throws PartitionTableException if the entries (and MD5 entry) reach {@link #MAX_LENGTH}: at
   *     most 94 entries with the MD5 entry, 95 without
   */
  public byte[] toBinary(boolean md5) throws PartitionTableException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_LENGTH);
    for (EspPartition p : entries) {
      out.writeBytes(entryBytes(p));
    }
    if (md5) {
      byte[] digest = md5().digest(out.toByteArray());
      out.writeBytes(MD5_MAGIC);
      for (int i = 0; i < 14; i++) {
        out.write(0xff);
      }
      out.writeBytes(digest);
    }
    if (out.size() >= MAX_LENGTH) {
      throw new PartitionTableException(
          String.format(
              "Binary partition table length (%d) longer than max (%d entries%s; at most %d fit)",
              out.size(), entries.size(), md5 ? " and the MD5 entry" : "", md5 ? 94 : 95));
    }
    byte[] table = Arrays.copyOf(out.toByteArray(), MAX_LENGTH);
    Arrays.fill(table, out.size(), MAX_LENGTH, (byte) 0xff);
    return table;
  }

  private static byte[] entryBytes(EspPartition p) throws PartitionTableException {
    if (p.type() < 0 || p.type() > 0xff || p.subtype() < 0 || p.subtype() > 0xff) {
      throw new PartitionTableException(
          p.where() + ": type and subtype must be 0 to 255 in the binary");
    }
    if (p.offset() < 0 || p.offset() > U32 || p.size() < 0 || p.size() > U32) {
      throw new PartitionTableException(
          p.where() + ": offset and size must fit 32 bits in the binary");
    }
    ByteBuffer entry = ByteBuffer.allocate(ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    entry.put(MAGIC);
    entry.put((byte) p.type());
    entry.put((byte) p.subtype());
    entry.putInt((int) p.offset());
    entry.putInt((int) p.size());
    byte[] name = p.name().getBytes(StandardCharsets.UTF_8);
    entry.put(Arrays.copyOf(name, NAME_LENGTH));
    entry.putInt(p.flags());
    return entry.array();
  }

  /**
   * @return the CSV the tool writes for a binary: its two comment lines, then one row each: name,
   *     type and subtype as keywords (decimal where there is none), the offset in hex, the size in
   *     M or K where exact (else hex), the flags in their fixed order
   */
  public String toCsv() {
    StringBuilder csv = new StringBuilder();
    csv.append("# ESP-IDF Partition Table\n");
    csv.append("# Name, Type, SubType, Offset, Size, Flags\n");
    for (EspPartition p : entries) {
      csv.append(p.name())
          .append(',')
          .append(EspPartitionTypes.typeText(p.type()))
          .append(',')
          .append(EspPartitionTypes.subtypeText(p.type(), p.subtype()))
          .append(',')
          .append("0x")
          .append(Long.toHexString(p.offset()))
          .append(',')
          .append(sizeText(p.size()))
          .append(',')
          .append(String.join(":", p.flagNames()))
          .append('\n');
    }
    return csv.toString();
  }

  /** The tool's size column: nM or nK where exact (0 is 0M), else 0x hex. */
  static String sizeText(long size) {
    if (size % 0x100000 == 0) {
      return size / 0x100000 + "M";
    }
    if (size % 0x400 == 0) {
      return size / 0x400 + "K";
    }
    return "0x" + Long.toHexString(size);
  }
}
