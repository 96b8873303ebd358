package org.flashstack.sfdp;

import java.util.List;

/**
 * The Sector Map Parameter Table (JESD216B section 6.5): the commands that detect which
 * configuration the part is in, and a map of erase regions per configuration.
 *
 * @param revision the table's revision
 * @param detections configuration detection commands, in table order (none when the part has a
 *     single map)
 * @param maps the sector maps, in table order
 */
public record SectorMap(
    SfdpRevision revision, List<ConfigurationDetection> detections, List<Map> maps) {

  /** Copies the lists. */
  public SectorMap {
    detections = List.copyOf(detections);
    maps = List.copyOf(maps);
  }

  /**
   * A configuration detection command: its read result, masked, gives one bit of the configuration
   * ID (the first command the most significant bit).
   *
   * @param opcode the read instruction
   * @param addressBytes address length: 0, 3, 4, or -1 for "as the part is currently addressed"
   * @param address the address sent, or 0
   * @param dummyClocks read latency in clocks, or -1 for "variable" (as currently configured)
   * @param dataMask the bit of the byte read that gives the configuration bit
   */
  public record ConfigurationDetection(
      int opcode, int addressBytes, long address, int dummyClocks, int dataMask) {}

  /**
   * One configuration's map.
   *
   * @param configurationId the configuration ID the detection commands give
   * @param regions the regions from address 0 up, covering the whole part
   */
  public record Map(int configurationId, List<Region> regions) {

    /** Copies the list. */
    public Map {
      regions = List.copyOf(regions);
    }
  }

  /**
   * One region of a sector map.
   *
   * @param offset the region's first byte
   * @param size its length in bytes, a multiple of 256
   * @param eraseTypes the erase type numbers (1 to 4) that work in this region
   */
  public record Region(long offset, long size, List<Integer> eraseTypes) {

    /** Copies the list. */
    public Region {
      eraseTypes = List.copyOf(eraseTypes);
    }
  }
}
