package org.flashstack.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.flashstack.hw.spinor.OperationEstimate;

/**
 * {@code spinor:estimate <part> <length or file>}: how long erasing and programming that much data
 * takes on the real part, from its datasheet's typical times, and how long the bus takes to carry
 * it at the given clock and lanes.
 */
@Service
@Command(
    scope = "spinor",
    name = "estimate",
    description =
        "Estimates how long erasing and programming an image takes on a real SPI NOR part")
public class SpiNorEstimateCommand extends FlashStackAction {

  @Argument(index = 0, name = "part", description = "Catalog part, e.g. W25Q256JV", required = true)
  String part;

  @Argument(
      index = 1,
      name = "image",
      description = "Image file, or a length such as 1M or 0x40000",
      required = true)
  String image;

  @Option(name = "--offset", aliases = "-o", description = "Where the image goes (default 0)")
  String offset = "0";

  @Option(name = "--clock", aliases = "-c", description = "SPI clock in MHz (default 50)")
  int clockMegahertz = 50;

  @Option(
      name = "--lanes",
      aliases = "-l",
      description = "Data lines of the page program (1, 2, 4 or 8; default 1)")
  int lanes = 1;

  @Override
  void run() throws Exception {
    ChipPart chip = ChipCatalog.builtIn().part(part);
    long length;
    Path path = UserPaths.resolve(session, image);
    if (Files.isRegularFile(path)) {
      length = Files.size(path);
    } else if (image.matches("(?i)(0x)?[0-9a-f]+[kmg]?")) {
      length = Numbers.parse(image, "length");
    } else {
      throw new UserMistake("no such file: " + path + " (or give a length such as 1M)");
    }
    if (clockMegahertz <= 0) {
      throw new UserMistake("--clock must be a positive number of MHz, not " + clockMegahertz);
    }
    OperationEstimate estimate =
        OperationEstimate.of(
            chip, Numbers.parse(offset, "offset"), length, clockMegahertz * 1_000_000L, lanes);
    System.out.printf("%s: %d bytes at 0x%x%n", chip.name(), estimate.length(), estimate.offset());
    System.out.printf(
        "  erase     %s (%s), typical %s%n",
        estimate.erases().stream()
            .map(pair -> pair[1] + " x " + ByteSizes.format(pair[0]))
            .collect(Collectors.joining(" + ")),
        estimate.erases().isEmpty() ? "nothing" : "fewest erases the sector map allows",
        seconds(estimate.eraseMicros()));
    System.out.printf(
        "  program   %d pages, typical %s%n", estimate.pages(), seconds(estimate.programMicros()));
    System.out.printf(
        "  transfer  %d MHz on %d lane%s, %s%n",
        clockMegahertz, lanes, lanes == 1 ? "" : "s", seconds(estimate.transferMicros()));
    System.out.printf("  total     %s%n", seconds(estimate.totalMicros()));
  }

  private static String seconds(long micros) {
    return String.format("%.3f s", micros / 1e6);
  }
}
