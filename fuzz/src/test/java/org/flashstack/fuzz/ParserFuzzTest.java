package org.flashstack.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.flashstack.memprog.image.ImageFormat;
import org.flashstack.memprog.image.ImageFormatException;
import org.flashstack.partitions.table.EspPartitionTable;
import org.flashstack.partitions.table.EspTableOptions;
import org.flashstack.partitions.table.Mtdparts;
import org.flashstack.partitions.table.PartitionTableException;
import org.flashstack.sfdp.SfdpDecoder;
import org.flashstack.sfdp.SfdpFormatException;
import org.flashstack.sfdp.SfdpJson;
import org.flashstack.sfdp.SfdpReport;
import org.flashstack.sfdp.SfdpSpace;

/**
 * Everything that reads a file or table from outside refuses what is malformed with its own checked
 * exception, naming the problem, and never with anything else (an exception escaping here is a
 * finding).
 */
class ParserFuzzTest {

  @FuzzTest(maxDuration = Findings.BOUND)
  void sfdpTables(byte[] space) {
    try {
      SfdpSpace decoded = SfdpDecoder.decode(space);
      SfdpJson.toJson(decoded, true);
      SfdpReport.lines(decoded);
    } catch (SfdpFormatException e) {
      Findings.named(e);
    }
  }

  @FuzzTest(maxDuration = Findings.BOUND)
  void espIdfTables(byte[] table) {
    try {
      EspPartitionTable read = EspPartitionTable.read(table, EspTableOptions.defaults());
      read.toBinary(true);
      read.toCsv();
    } catch (PartitionTableException e) {
      Findings.named(e);
    }
  }

  @FuzzTest(maxDuration = Findings.BOUND)
  void mtdparts(byte[] text) {
    try {
      for (Mtdparts.Device device : Mtdparts.parse(new String(text, StandardCharsets.UTF_8))) {
        Mtdparts.resolve(device, 32L << 20);
      }
    } catch (PartitionTableException e) {
      Findings.named(e);
    }
  }

  @FuzzTest(maxDuration = Findings.BOUND)
  void firmwareImages(byte[] content) {
    for (ImageFormat format :
        new ImageFormat[] {ImageFormat.HEX, ImageFormat.SREC, ImageFormat.ELF}) {
      try {
        format.read(content, "fuzz", 0);
      } catch (ImageFormatException e) {
        Findings.named(e);
      }
    }
  }
}
