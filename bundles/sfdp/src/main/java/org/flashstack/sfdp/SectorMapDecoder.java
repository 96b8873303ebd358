package org.flashstack.sfdp;

import java.util.ArrayList;
import java.util.List;

/** The Sector Map Parameter Table's descriptors (JESD216B section 6.5). */
final class SectorMapDecoder {

  private SectorMapDecoder() {}

  static SectorMap decode(byte[] space, SfdpParameterHeader header, long density)
      throws SfdpFormatException {
    List<SectorMap.ConfigurationDetection> detections = new ArrayList<>();
    List<SectorMap.Map> maps = new ArrayList<>();
    int length = header.lengthDwords();
    int index = 0;
    while (index < length) {
      int at = header.pointer() + 4 * index;
      int descriptor = SfdpDecoder.dwordAt(space, at);
      boolean end = (descriptor & 1) != 0;
      boolean map = (descriptor & 0b10) != 0;
      if (!map) {
        if (!maps.isEmpty()) {
          throw new SfdpFormatException(
              "sector map command descriptor",
              at,
              "follows a map descriptor; detection commands come first");
        }
        if (index + 1 >= length) {
          throw new SfdpFormatException(
              "sector map command descriptor",
              at,
              "needs 2 DWORDs; the table of " + length + " DWORDs ends after the first");
        }
        int latency = (descriptor >>> 16) & 0xf;
        int addressBits = (descriptor >>> 22) & 0b11;
        int addressBytes =
            switch (addressBits) {
              case 0 -> 0;
              case 1 -> 3;
              case 2 -> 4;
              default -> -1;
            };
        detections.add(
            new SectorMap.ConfigurationDetection(
                (descriptor >>> 8) & 0xff,
                addressBytes,
                SfdpDecoder.dwordAt(space, at + 4) & 0xffffffffL,
                latency == 0xf ? -1 : latency,
                (descriptor >>> 24) & 0xff));
        index += 2;
        continue;
      }
      int regions = ((descriptor >>> 16) & 0xff) + 1;
      if (index + 1 + regions > length) {
        throw new SfdpFormatException(
            "sector map descriptor region count",
            at + 2,
            String.format(
                "declares %d regions; the table of %d DWORDs has room for %d",
                regions, length, length - index - 1));
      }
      List<SectorMap.Region> list = new ArrayList<>(regions);
      long offset = 0;
      for (int region = 0; region < regions; region++) {
        int value = SfdpDecoder.dwordAt(space, at + 4 * (region + 1));
        long size = ((value >>> 8) + 1L) * 256;
        List<Integer> types = new ArrayList<>();
        for (int type = 1; type <= 4; type++) {
          if ((value & (1 << (type - 1))) != 0) {
            types.add(type);
          }
        }
        list.add(new SectorMap.Region(offset, size, types));
        offset += size;
      }
      if (offset != density) {
        throw new SfdpFormatException(
            "sector map configuration " + ((descriptor >>> 8) & 0xff) + " regions",
            at + 4,
            String.format("cover %d bytes; the part has %d", offset, density));
      }
      maps.add(new SectorMap.Map((descriptor >>> 8) & 0xff, list));
      index += 1 + regions;
      if (end) {
        break;
      }
    }
    if (maps.isEmpty()) {
      throw new SfdpFormatException(
          "Sector Map Parameter Table", header.pointer(), "has no map descriptor");
    }
    return new SectorMap(header.revision(), detections, maps);
  }
}
