package org.flashstack.sfdp;

import java.util.List;
import java.util.Map;

/**
 * The 4-Byte Address Instruction Table (JESD216B section 6.6).
 *
 * @param revision the table's revision
 * @param supported DWORD 1: the 4-byte instructions the part supports, by name (e.g. {@code "read
 *     1-1-1"}) with their opcodes, in the table's bit order
 * @param eraseOpcodes DWORD 2: the 4-byte erase instruction of each erase type (1 to 4) the part
 *     supports with 4-byte addresses
 */
public record FourByteAddressInstructions(
    SfdpRevision revision, Map<String, Integer> supported, Map<Integer, Integer> eraseOpcodes) {

  /** Copies the maps, keeping their order. */
  public FourByteAddressInstructions {
    supported = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(supported));
    eraseOpcodes =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(eraseOpcodes));
  }

  /** The names of DWORD 1's bits 0 to 24 with their fixed instructions. */
  static final List<Map.Entry<String, Integer>> INSTRUCTIONS =
      List.of(
          Map.entry("read 1-1-1", 0x13),
          Map.entry("fast read 1-1-1", 0x0c),
          Map.entry("fast read 1-1-2", 0x3c),
          Map.entry("fast read 1-2-2", 0xbc),
          Map.entry("fast read 1-1-4", 0x6c),
          Map.entry("fast read 1-4-4", 0xec),
          Map.entry("page program 1-1-1", 0x12),
          Map.entry("page program 1-1-4", 0x34),
          Map.entry("page program 1-4-4", 0x3e),
          Map.entry("erase type 1", 0),
          Map.entry("erase type 2", 0),
          Map.entry("erase type 3", 0),
          Map.entry("erase type 4", 0),
          Map.entry("dtr read 1-1-1", 0x0e),
          Map.entry("dtr read 1-2-2", 0xbe),
          Map.entry("dtr read 1-4-4", 0xee),
          Map.entry("read volatile sector lock", 0xe0),
          Map.entry("write volatile sector lock", 0xe1),
          Map.entry("read non-volatile sector lock", 0xe2),
          Map.entry("write non-volatile sector lock", 0xe3),
          Map.entry("fast read 1-1-8", 0x7c),
          Map.entry("fast read 1-8-8", 0xcc),
          Map.entry("dtr read 1-8-8", 0xfd),
          Map.entry("page program 1-1-8", 0x84),
          Map.entry("page program 1-8-8", 0x8e));

  /**
   * @param name e.g. {@code "fast read 1-1-4"}
   * @return whether the part supports it with a 4-byte address
   */
  public boolean supports(String name) {
    return supported.containsKey(name);
  }
}
