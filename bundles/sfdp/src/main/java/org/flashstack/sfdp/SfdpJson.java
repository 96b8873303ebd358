package org.flashstack.sfdp;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Map;

/**
 * The script form of a decoded SFDP space: one JSON object with {@code revision}, {@code
 * parameter_headers}, {@code bfpt}, {@code four_byte_instructions} and {@code sector_map} (the last
 * two null when the space has no such table). Opcodes and addresses are hex strings ({@code
 * "0x6b"}), sizes and times plain numbers (bytes, microseconds {@code _us}, milliseconds {@code
 * _ms}); a field of a DWORD the table does not have is null.
 */
public final class SfdpJson {

  private SfdpJson() {}

  /**
   * @param space a decoded space
   * @param pretty indented over several lines, else one line
   * @return the JSON text
   */
  public static String toJson(SfdpSpace space, boolean pretty) {
    GsonBuilder builder = new GsonBuilder().serializeNulls().disableHtmlEscaping();
    if (pretty) {
      builder.setPrettyPrinting();
    }
    return builder.create().toJson(tree(space));
  }

  /**
   * @return the JSON tree of {@code space}
   */
  public static JsonObject tree(SfdpSpace space) {
    JsonObject root = new JsonObject();
    root.addProperty("revision", space.revision().toString());
    root.addProperty("access_protocol", hex(space.accessProtocol()));
    JsonArray headers = new JsonArray();
    for (SfdpParameterHeader header : space.headers()) {
      JsonObject object = new JsonObject();
      object.addProperty("id", header.idText());
      object.addProperty("name", header.tableName());
      object.addProperty("revision", header.revision().toString());
      object.addProperty("length_dwords", header.lengthDwords());
      object.addProperty("pointer", hex(header.pointer()));
      headers.add(object);
    }
    root.add("parameter_headers", headers);
    root.add("bfpt", bfpt(space.bfpt()));
    root.add("four_byte_instructions", fourByte(space.fourByteInstructions()));
    root.add("sector_map", sectorMap(space.sectorMap()));
    return root;
  }

  private static JsonObject bfpt(BasicFlashParameterTable table) {
    JsonObject object = new JsonObject();
    object.addProperty("revision", table.revision().toString());
    object.addProperty("length_dwords", table.lengthDwords());
    object.addProperty("density_bytes", table.densityBytes());
    object.addProperty("page_size", table.pageSize());
    object.addProperty("address_mode", table.addressMode().text());
    object.add("erase_4k_opcode", hexOrNull(table.erase4kOpcode()));
    object.addProperty("dtr", table.dtr());
    object.addProperty("write_granularity_64", table.writeGranularity64());
    object.add("volatile_status_write_enable", hexOrNull(table.volatileStatusWriteOpcode()));
    JsonObject reads = new JsonObject();
    for (FastRead read : table.fastReads()) {
      JsonObject mode = new JsonObject();
      mode.addProperty("opcode", hex(read.opcode()));
      mode.addProperty("dummy_clocks", read.dummyClocks());
      mode.addProperty("mode_clocks", read.modeClocks());
      reads.add(read.mode(), mode);
    }
    object.add("fast_read", reads);
    JsonArray erases = new JsonArray();
    for (EraseType type : table.eraseTypes()) {
      JsonObject erase = new JsonObject();
      erase.addProperty("type", type.number());
      erase.addProperty("size", type.size());
      erase.addProperty("opcode", hex(type.opcode()));
      erase.addProperty("typical_ms", type.typicalMillis());
      erase.addProperty("max_ms", type.maximumMillis());
      erases.add(erase);
    }
    object.add("erase_types", erases);
    object.addProperty("page_program_typical_us", table.pageProgramTypicalMicros());
    object.addProperty("page_program_max_us", table.pageProgramMaximumMicros());
    object.addProperty("byte_program_first_typical_us", table.byteProgramFirstTypicalMicros());
    object.addProperty(
        "byte_program_additional_typical_us", table.byteProgramAdditionalTypicalMicros());
    object.addProperty("chip_erase_typical_ms", table.chipEraseTypicalMillis());
    object.addProperty("chip_erase_max_ms", table.chipEraseMaximumMillis());
    SuspendResume suspend = table.suspendResume();
    if (suspend == null) {
      object.add("suspend_resume", JsonNull.INSTANCE);
    } else {
      JsonObject codes = new JsonObject();
      codes.addProperty("program_suspend", hex(suspend.programSuspend()));
      codes.addProperty("program_resume", hex(suspend.programResume()));
      codes.addProperty("erase_suspend", hex(suspend.eraseSuspend()));
      codes.addProperty("erase_resume", hex(suspend.eraseResume()));
      object.add("suspend_resume", codes);
    }
    DeepPowerDown powerDown = table.deepPowerDown();
    if (powerDown == null) {
      object.add("deep_power_down", JsonNull.INSTANCE);
    } else {
      JsonObject codes = new JsonObject();
      codes.addProperty("enter", hex(powerDown.enterOpcode()));
      codes.addProperty("exit", hex(powerDown.exitOpcode()));
      codes.addProperty("exit_delay_ns", powerDown.exitDelayNanos());
      object.add("deep_power_down", codes);
    }
    object.add("busy_polling", strings(table.busyPolling()));
    if (table.quadEnable() == null) {
      object.add("quad_enable", JsonNull.INSTANCE);
    } else {
      JsonObject quad = new JsonObject();
      quad.addProperty("qer", table.quadEnable().bits());
      quad.addProperty("description", table.quadEnable().description());
      object.add("quad_enable", quad);
    }
    object.add("enter_4byte", strings(table.enter4ByteMethods()));
    object.add("exit_4byte", strings(table.exit4ByteMethods()));
    object.add("soft_reset", strings(table.softReset()));
    object.add("status_register_1_write", strings(table.statusRegister1Writes()));
    return object;
  }

  private static com.google.gson.JsonElement fourByte(FourByteAddressInstructions table) {
    if (table == null) {
      return JsonNull.INSTANCE;
    }
    JsonObject object = new JsonObject();
    object.addProperty("revision", table.revision().toString());
    JsonObject supported = new JsonObject();
    for (Map.Entry<String, Integer> entry : table.supported().entrySet()) {
      supported.addProperty(entry.getKey(), hex(entry.getValue()));
    }
    object.add("supported", supported);
    JsonObject erases = new JsonObject();
    for (Map.Entry<Integer, Integer> entry : table.eraseOpcodes().entrySet()) {
      erases.addProperty(entry.getKey().toString(), hex(entry.getValue()));
    }
    object.add("erase_opcodes", erases);
    return object;
  }

  private static com.google.gson.JsonElement sectorMap(SectorMap map) {
    if (map == null) {
      return JsonNull.INSTANCE;
    }
    JsonObject object = new JsonObject();
    object.addProperty("revision", map.revision().toString());
    JsonArray detections = new JsonArray();
    for (SectorMap.ConfigurationDetection detection : map.detections()) {
      JsonObject command = new JsonObject();
      command.addProperty("opcode", hex(detection.opcode()));
      command.addProperty("address_bytes", detection.addressBytes());
      command.addProperty("address", "0x" + Long.toHexString(detection.address()));
      command.addProperty("dummy_clocks", detection.dummyClocks());
      command.addProperty("data_mask", hex(detection.dataMask()));
      detections.add(command);
    }
    object.add("detections", detections);
    JsonArray maps = new JsonArray();
    for (SectorMap.Map one : map.maps()) {
      JsonObject entry = new JsonObject();
      entry.addProperty("configuration_id", one.configurationId());
      JsonArray regions = new JsonArray();
      for (SectorMap.Region region : one.regions()) {
        JsonObject r = new JsonObject();
        r.addProperty("offset", "0x" + Long.toHexString(region.offset()));
        r.addProperty("size", region.size());
        JsonArray types = new JsonArray();
        region.eraseTypes().forEach(types::add);
        r.add("erase_types", types);
        regions.add(r);
      }
      entry.add("regions", regions);
      maps.add(entry);
    }
    object.add("maps", maps);
    return object;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  private static com.google.gson.JsonElement hexOrNull(Integer value) {
    return value == null ? JsonNull.INSTANCE : new JsonPrimitive(hex(value));
  }

  static String hex(int value) {
    return "0x" + Integer.toHexString(value);
  }
}
