package org.flashstack.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.flashstack.api.board.Boards;
import org.flashstack.api.flash.Flash;
import org.flashstack.partitions.table.EspTableOptions;
import org.osgi.framework.BundleContext;

/** The options and services of {@code part:check}, {@code part:import} and {@code part:export}. */
abstract class PartitionTableCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Reference Boards boards;

  @Option(
      name = "--format",
      description =
          "esp-idf-csv, esp-idf-bin or mtdparts (by default told from the content, or for an"
              + " export from the file's extension)")
  @org.apache.karaf.shell.api.action.Completion(
      value = org.apache.karaf.shell.support.completers.StringsCompleter.class,
      values = {"esp-idf-csv", "esp-idf-bin", "mtdparts"})
  String format;

  @Option(name = "--device", description = "The device the table is for")
  @org.apache.karaf.shell.api.action.Completion(FlashDeviceCompleter.class)
  String device;

  @Option(
      name = "--table-offset",
      description = "Where an ESP-IDF table is on the flash, and the sector it keeps (0x8000)")
  String tableOffset = "0x8000";

  @Option(name = "--no-format", description = "Plain output: no table borders or padding")
  boolean noFormat;

  EspTableOptions espOptions() {
    return EspTableOptions.defaults()
        .withTableOffset(Numbers.parse(tableOffset, "--table-offset"))
        .withEnvironment(System.getenv());
  }

  /** The size of a device that is here, or null. */
  Long deviceSize(String name) {
    if (Services.references(
            context, Flash.class, org.flashstack.api.device.DeviceProperties.filter(name))
        .isEmpty()) {
      return null;
    }
    try (Services.Held<Flash> flash = Services.flash(context, name)) {
      return flash.get().geometry().size();
    } catch (IllegalStateException notServedYet) {
      return null;
    }
  }

  /** Prints what reading noticed. */
  static void warn(List<String> warnings) {
    warnings.forEach(System.out::println);
  }
}
