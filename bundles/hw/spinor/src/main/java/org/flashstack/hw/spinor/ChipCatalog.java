package org.flashstack.hw.spinor;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parts the chip model knows, each a JSON entry of datasheet parameters (the built-in ones are
 * the resources {@code org/flashstack/hw/spinor/catalog/*.json}, listed in {@code parts.list}).
 * Adding a part is adding an entry: {@link #read(String, Reader)} checks it field by field and
 * refuses one that could not describe a real part with {@link ChipCatalogException}. Part names are
 * matched without regard to case. Immutable and thread-safe.
 */
public final class ChipCatalog {

  private static final String CATALOG = "catalog/";

  private final Map<String, ChipPart> parts;

  private ChipCatalog(Map<String, ChipPart> parts) {
    this.parts = parts;
  }

  /**
   * @return the catalog of built-in parts
   * @throws ChipCatalogException if a built-in entry is broken (a build defect)
   */
  public static ChipCatalog builtIn() {
    List<ChipPart> list = new ArrayList<>();
    try (InputStream index = resource(CATALOG + "parts.list")) {
      for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String entry = line.trim();
        if (entry.isEmpty() || entry.startsWith("#")) {
          continue;
        }
        try (Reader reader =
            new InputStreamReader(resource(CATALOG + entry), StandardCharsets.UTF_8)) {
          list.add(read(entry, reader));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in chip catalog", e);
    }
    return of(list);
  }

  /**
   * @return a catalog of these parts
   * @throws IllegalArgumentException if two have the same name
   */
  public static ChipCatalog of(Collection<ChipPart> list) {
    Map<String, ChipPart> parts = new TreeMap<>();
    for (ChipPart part : list) {
      if (parts.put(key(part.name()), part) != null) {
        throw new IllegalArgumentException("two catalog entries for " + part.name());
      }
    }
    return new ChipCatalog(Map.copyOf(parts));
  }

  /**
   * @return this catalog with {@code extra} added
   */
  public ChipCatalog with(Collection<ChipPart> extra) {
    List<ChipPart> all = new ArrayList<>(parts.values());
    all.addAll(extra);
    return of(all);
  }

  static InputStream resource(String name) throws IOException {
    InputStream in = ChipCatalog.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("missing resource org/flashstack/hw/spinor/" + name);
    }
    return in;
  }

  private static String key(String name) {
    return name.toUpperCase(Locale.ROOT);
  }

  /**
   * @param name a part name, any case
   * @return the part
   * @throws IllegalArgumentException naming the parts there are, if there is no such part
   */
  public ChipPart part(String name) {
    ChipPart part = name == null ? null : parts.get(key(name.trim()));
    if (part == null) {
      throw new IllegalArgumentException(
          "no part '" + name + "' in the chip catalog; it has " + String.join(", ", names()));
    }
    return part;
  }

  /**
   * @return the part names, sorted
   */
  public List<String> names() {
    return parts.values().stream().map(ChipPart::name).sorted().toList();
  }

  /**
   * @return every part, sorted by name
   */
  public List<ChipPart> parts() {
    return parts.values().stream()
        .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
        .toList();
  }

  /**
   * Reads one catalog entry.
   *
   * @param entry the entry's name for messages (a file name)
   * @param json the entry's JSON text
   * @return the part
   * @throws ChipCatalogException naming the field that is missing or wrong
   */
  public static ChipPart read(String entry, Reader json) {
    JsonElement root;
    try {
      root = JsonParser.parseReader(json);
    } catch (JsonParseException e) {
      throw new ChipCatalogException(entry, "(file)", "not JSON: " + e.getMessage());
    }
    if (!root.isJsonObject()) {
      throw new ChipCatalogException(entry, "(file)", "is not a JSON object");
    }
    return new EntryReader(entry, root.getAsJsonObject()).part();
  }

  /** Reads the fields of one entry, naming each in its errors. */
  private static final class EntryReader {

    private static final Set<String> SCHEMES = Set.of("block-protect", "sst26", "none");
    private static final Set<String> MODES =
        Set.of("1-1-1", "1-1-2", "1-2-2", "1-1-4", "1-4-4", "1-1-8", "1-8-8");

    private String entry;
    private final JsonObject root;
    private List<ChipPart.Register> registers = List.of();

    EntryReader(String entry, JsonObject root) {
      this.entry = entry;
      this.root = root;
    }

    ChipPart part() {
      String name = text(root, "part", null);
      entry = name + " (" + entry + ")";
      long size = number(root, "size", null);
      if (size <= 0 || Long.bitCount(size) != 1 || size > (1L << 30)) {
        fail("size", "must be a power of two up to 1 GiB, not " + size);
      }
      int pageSize = (int) number(root, "pageSize", null);
      if (pageSize <= 0 || Long.bitCount(pageSize) != 1 || pageSize > 4096) {
        fail("pageSize", "must be a power of two up to 4096, not " + pageSize);
      }
      byte[] jedecId = hexBytes(text(root, "jedecId", null), "jedecId");
      if (jedecId.length < 3) {
        fail("jedecId", "needs manufacturer, memory type and capacity (3 bytes or more)");
      }
      Map<Integer, byte[]> legacy = new HashMap<>();
      JsonObject legacyIds = object(root, "legacyIds");
      if (legacyIds != null) {
        for (Map.Entry<String, JsonElement> id : legacyIds.entrySet()) {
          legacy.put(
              opcode(id.getKey(), "legacyIds"),
              hexBytes(id.getValue().getAsString(), "legacyIds." + id.getKey()));
        }
      }
      registers = registers();
      List<ChipPart.EraseType> erases = eraseTypes(size);
      List<ChipPart.Region> regions = regions(size, erases);
      List<Integer> chipErase = opcodes(array(root, "chipErase", true), "chipErase");
      ChipPart.Addressing addressing = addressing(size);
      List<ChipPart.Read> reads = new ArrayList<>();
      JsonArray readArray = array(root, "reads", true);
      for (int i = 0; i < readArray.size(); i++) {
        JsonObject read = readArray.get(i).getAsJsonObject();
        String field = "reads[" + i + "]";
        reads.add(
            new ChipPart.Read(
                mode(read, field),
                opcode(text(read, "opcode", field), field + ".opcode"),
                (int) number(read, "dummy", field),
                read.has("modeClocks") ? (int) number(read, "modeClocks", field) : 0,
                read.has("quad") && read.get("quad").getAsBoolean()));
      }
      List<ChipPart.Program> programs = new ArrayList<>();
      JsonArray programArray = array(root, "programs", true);
      for (int i = 0; i < programArray.size(); i++) {
        JsonObject program = programArray.get(i).getAsJsonObject();
        String field = "programs[" + i + "]";
        programs.add(
            new ChipPart.Program(
                mode(program, field),
                opcode(text(program, "opcode", field), field + ".opcode"),
                program.has("quad") && program.get("quad").getAsBoolean()));
      }
      JsonObject writeStatus = object(root, "writeStatus");
      if (writeStatus == null) {
        fail("writeStatus", "is required");
      }
      List<Integer> written = new ArrayList<>();
      for (JsonElement register : array(writeStatus, "registers", true)) {
        written.add(registerIndex(register.getAsString(), "writeStatus.registers"));
      }
      ChipPart.Roles roles = roles();
      ChipPart.Protection protection = protection();
      JsonObject suspend = object(root, "suspend");
      JsonObject reset = object(root, "reset");
      JsonObject powerDown = object(root, "deepPowerDown");
      JsonObject timing = object(root, "timing");
      if (timing == null) {
        fail("timing", "is required");
      }
      JsonObject sfdp = object(root, "sfdp");
      if (sfdp == null) {
        fail("sfdp", "is required: {\"revision\": \"1.6\"} or with a \"dump\"");
      }
      List<String> notes = new ArrayList<>();
      JsonArray noteArray = array(root, "notes", false);
      if (noteArray != null) {
        noteArray.forEach(note -> notes.add(note.getAsString()));
      }
      return new ChipPart(
          name,
          text(root, "vendor", null),
          text(root, "description", null),
          notes,
          jedecId,
          legacy,
          size,
          pageSize,
          erases,
          regions,
          chipErase,
          addressing,
          reads,
          programs,
          registers,
          new ChipPart.WriteStatus(
              opcode(text(writeStatus, "opcode", "writeStatus"), "writeStatus.opcode"), written),
          optionalOpcode(root, "volatileWriteEnable"),
          optionalOpcode(root, "clearStatus"),
          root.has("errorHoldsBusy") && root.get("errorHoldsBusy").getAsBoolean(),
          roles,
          protection,
          suspend == null
              ? null
              : new ChipPart.Suspend(
                  opcode(text(suspend, "suspend", "suspend"), "suspend.suspend"),
                  opcode(text(suspend, "resume", "suspend"), "suspend.resume")),
          reset == null
              ? null
              : new ChipPart.Reset(
                  optionalOpcode(reset, "enable"),
                  opcode(text(reset, "reset", "reset"), "reset.reset"),
                  number(reset, "us", "reset")),
          powerDown == null
              ? null
              : new ChipPart.DeepPowerDown(
                  opcode(text(powerDown, "enter", "deepPowerDown"), "deepPowerDown.enter"),
                  opcode(text(powerDown, "release", "deepPowerDown"), "deepPowerDown.release"),
                  number(powerDown, "releaseUs", "deepPowerDown")),
          new ChipPart.Timing(
              number(timing, "pageProgramUs", "timing"),
              number(timing, "pageProgramMaxUs", "timing"),
              number(timing, "byteFirstUs", "timing"),
              number(timing, "byteAdditionalUs", "timing"),
              number(timing, "statusWriteUs", "timing"),
              number(timing, "chipEraseUs", "timing"),
              number(timing, "chipEraseMaxUs", "timing")),
          new ChipPart.Sfdp(
              text(sfdp, "revision", "sfdp"),
              sfdp.has("dump") ? sfdp.get("dump").getAsString() : null));
    }

    private List<ChipPart.Register> registers() {
      List<ChipPart.Register> list = new ArrayList<>();
      JsonArray array = array(root, "registers", true);
      for (int i = 0; i < array.size(); i++) {
        JsonObject register = array.get(i).getAsJsonObject();
        String field = "registers[" + i + "]";
        List<String> bits = new ArrayList<>();
        array(register, "bits", true).forEach(bit -> bits.add(bit.getAsString()));
        if (bits.size() != 8) {
          fail(field + ".bits", "names 8 bits, not " + bits.size());
        }
        int writable = mask(register, "writable", 0, field);
        list.add(
            new ChipPart.Register(
                text(register, "name", field),
                optionalOpcode(register, "read"),
                optionalOpcode(register, "write"),
                bits,
                writable,
                mask(register, "nonVolatile", writable, field),
                mask(register, "otp", 0, field),
                mask(register, "factory", 0, field),
                !register.has("writeEnable") || register.get("writeEnable").getAsBoolean()));
      }
      return list;
    }

    private List<ChipPart.EraseType> eraseTypes(long size) {
      List<ChipPart.EraseType> list = new ArrayList<>();
      JsonArray array = array(root, "eraseTypes", true);
      for (int i = 0; i < array.size(); i++) {
        JsonObject erase = array.get(i).getAsJsonObject();
        String field = "eraseTypes[" + i + "]";
        long bytes = number(erase, "size", field);
        if (bytes < 256 || Long.bitCount(bytes) != 1 || bytes > size) {
          fail(field + ".size", "must be a power of two from 256 bytes to the part, not " + bytes);
        }
        int number = (int) number(erase, "number", field);
        if (number < 1 || number > 4 || number != i + 1) {
          fail(field + ".number", "erase types are numbered 1 to 4 in order, not " + number);
        }
        list.add(
            new ChipPart.EraseType(
                number,
                opcode(text(erase, "opcode", field), field + ".opcode"),
                optionalOpcode(erase, "opcode4b"),
                bytes,
                number(erase, "typicalUs", field),
                number(erase, "maxUs", field)));
      }
      if (list.isEmpty()) {
        fail("eraseTypes", "a part has at least one erase type");
      }
      return list;
    }

    private List<ChipPart.Region> regions(long size, List<ChipPart.EraseType> erases) {
      JsonArray array = array(root, "regions", false);
      if (array == null) {
        return List.of(
            new ChipPart.Region(0, size, erases.stream().map(ChipPart.EraseType::number).toList()));
      }
      List<ChipPart.Region> list = new ArrayList<>();
      long offset = 0;
      for (int i = 0; i < array.size(); i++) {
        JsonObject region = array.get(i).getAsJsonObject();
        String field = "regions[" + i + "]";
        long bytes = number(region, "size", field);
        List<Integer> types = new ArrayList<>();
        array(region, "eraseTypes", true).forEach(type -> types.add(type.getAsInt()));
        for (int type : types) {
          if (type < 1 || type > erases.size()) {
            fail(field + ".eraseTypes", "no erase type " + type);
          }
          if (offset % erases.get(type - 1).size() != 0
              || bytes % erases.get(type - 1).size() != 0) {
            fail(field, "is not a whole number of erase type " + type + " units");
          }
        }
        list.add(new ChipPart.Region(offset, bytes, types));
        offset += bytes;
      }
      if (offset != size) {
        fail("regions", "cover " + offset + " bytes; the part has " + size);
      }
      return list;
    }

    private ChipPart.Addressing addressing(long size) {
      JsonObject addressing = object(root, "addressing");
      if (addressing == null) {
        fail("addressing", "is required: {\"mode\": \"3\"}");
      }
      String mode = text(addressing, "mode", "addressing");
      if (!Set.of("3", "3or4", "4").contains(mode)) {
        fail("addressing.mode", "is 3, 3or4 or 4, not " + mode);
      }
      if (mode.equals("3") && size > (1L << 24)) {
        fail("addressing.mode", "a part over 16 MiB cannot be addressed with 3 bytes alone");
      }
      JsonArray enter = array(addressing, "enter", false);
      JsonArray exit = array(addressing, "exit", false);
      Map<Integer, Integer> fourByte = new LinkedHashMap<>();
      JsonObject opcodes = object(addressing, "fourByteOpcodes");
      if (opcodes != null) {
        for (Map.Entry<String, JsonElement> pair : opcodes.entrySet()) {
          fourByte.put(
              opcode(pair.getKey(), "addressing.fourByteOpcodes"),
              opcode(pair.getValue().getAsString(), "addressing.fourByteOpcodes"));
        }
      }
      return new ChipPart.Addressing(
          mode,
          enter == null ? List.of() : opcodes(enter, "addressing.enter"),
          exit == null ? List.of() : opcodes(exit, "addressing.exit"),
          addressing.has("needsWriteEnable") && addressing.get("needsWriteEnable").getAsBoolean(),
          fourByte);
    }

    private ChipPart.Roles roles() {
      JsonObject roles = object(root, "roles");
      if (roles == null) {
        fail("roles", "is required: at least busy and writeEnable");
      }
      ChipPart.Bit busy = bit(roles, "busy", true);
      ChipPart.Bit writeEnable = bit(roles, "writeEnable", true);
      int extended = -1;
      if (roles.has("extendedAddress")) {
        extended =
            registerIndex(roles.get("extendedAddress").getAsString(), "roles.extendedAddress");
      }
      return new ChipPart.Roles(
          busy,
          bit(roles, "ready", false),
          writeEnable,
          bit(roles, "quadEnable", false),
          bit(roles, "fourByteMode", false),
          bit(roles, "fourBytePowerUp", false),
          bit(roles, "eraseSuspended", false),
          bit(roles, "programSuspended", false),
          bit(roles, "programError", false),
          bit(roles, "eraseError", false),
          bit(roles, "protectionError", false),
          extended);
    }

    private ChipPart.Protection protection() {
      JsonObject protection = object(root, "protection");
      if (protection == null) {
        return new ChipPart.Protection("none", List.of(), null, null, null, 65536, -1, -1, -1);
      }
      String scheme = text(protection, "scheme", "protection");
      if (!SCHEMES.contains(scheme)) {
        fail("protection.scheme", "is one of " + SCHEMES + ", not " + scheme);
      }
      List<ChipPart.Bit> bp = new ArrayList<>();
      JsonArray bits = array(protection, "bp", false);
      if (bits != null) {
        for (JsonElement bit : bits) {
          bp.add(bitOf(bit.getAsString(), "protection.bp"));
        }
      }
      if (scheme.equals("block-protect") && bp.isEmpty()) {
        fail("protection.bp", "a block-protect scheme names its BP bits");
      }
      return new ChipPart.Protection(
          scheme,
          bp,
          bit(protection, "tb", false),
          bit(protection, "sec", false),
          bit(protection, "cmp", false),
          protection.has("blockSize") ? number(protection, "blockSize", "protection") : 65536,
          optionalOpcode(protection, "registerRead"),
          optionalOpcode(protection, "registerWrite"),
          optionalOpcode(protection, "globalUnlock"));
    }

    private ChipPart.Bit bit(JsonObject object, String name, boolean required) {
      if (!object.has(name)) {
        if (required) {
          fail(name, "is required (REGISTER.BIT, e.g. SR1.WEL)");
        }
        return null;
      }
      return bitOf(object.get(name).getAsString(), name);
    }

    private ChipPart.Bit bitOf(String reference, String field) {
      int dot = reference.indexOf('.');
      if (dot < 0) {
        fail(field, "'" + reference + "' is not REGISTER.BIT");
      }
      int register = registerIndex(reference.substring(0, dot), field);
      int mask = registers.get(register).mask(reference.substring(dot + 1));
      if (mask == 0) {
        fail(
            field,
            "register "
                + reference.substring(0, dot)
                + " has no bit "
                + reference.substring(dot + 1));
      }
      return new ChipPart.Bit(register, mask);
    }

    private int registerIndex(String name, String field) {
      for (int i = 0; i < registers.size(); i++) {
        if (registers.get(i).name().equals(name)) {
          return i;
        }
      }
      fail(field, "no register named " + name);
      return -1;
    }

    private String mode(JsonObject object, String field) {
      String mode = text(object, "mode", field);
      if (!MODES.contains(mode)) {
        fail(field + ".mode", "is one of " + new java.util.TreeSet<>(MODES) + ", not " + mode);
      }
      return mode;
    }

    private int mask(JsonObject object, String name, int fallback, String field) {
      if (!object.has(name)) {
        return fallback;
      }
      int value = opcode(object.get(name).getAsString(), field + "." + name);
      return value;
    }

    private List<Integer> opcodes(JsonArray array, String field) {
      List<Integer> list = new ArrayList<>();
      for (JsonElement element : array) {
        list.add(opcode(element.getAsString(), field));
      }
      return list;
    }

    private int optionalOpcode(JsonObject object, String name) {
      return object.has(name) ? opcode(object.get(name).getAsString(), name) : -1;
    }

    private int opcode(String text, String field) {
      try {
        int value = Integer.decode(text.trim());
        if (value >= 0 && value <= 0xff) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      fail(field, "'" + text + "' is not a byte (write 0x9f)");
      return -1;
    }

    private byte[] hexBytes(String text, String field) {
      String hex = text.trim();
      if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]+")) {
        fail(field, "'" + text + "' is not hex bytes (write ef4019)");
      }
      byte[] bytes = new byte[hex.length() / 2];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
      }
      return bytes;
    }

    private String text(JsonObject object, String name, String parent) {
      JsonElement value = object.get(name);
      if (value == null || !value.isJsonPrimitive()) {
        fail(parent == null ? name : parent + "." + name, "is required");
      }
      return value.getAsString();
    }

    private long number(JsonObject object, String name, String parent) {
      String field = parent == null ? name : parent + "." + name;
      JsonElement value = object.get(name);
      if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
        fail(field, "is required, a number");
      }
      long number = value.getAsLong();
      if (number < 0) {
        fail(field, "must not be negative");
      }
      return number;
    }

    private JsonObject object(JsonObject object, String name) {
      JsonElement value = object.get(name);
      if (value == null || value.isJsonNull()) {
        return null;
      }
      if (!value.isJsonObject()) {
        fail(name, "is an object");
      }
      return value.getAsJsonObject();
    }

    private JsonArray array(JsonObject object, String name, boolean required) {
      JsonElement value = object.get(name);
      if (value == null || value.isJsonNull()) {
        if (required) {
          fail(name, "is required");
        }
        return null;
      }
      if (!value.isJsonArray()) {
        fail(name, "is a list");
      }
      return value.getAsJsonArray();
    }

    private void fail(String field, String problem) {
      throw new ChipCatalogException(entry, field, problem);
    }
  }
}
