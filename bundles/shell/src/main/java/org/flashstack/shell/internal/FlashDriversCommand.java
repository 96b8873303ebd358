package org.flashstack.shell.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.DeviceQueueStatistics;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashVirtualizer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * {@code flash:drivers}: which driver serves which device, and every driver registered: its
 * ranking, the devices it is preferred for, its bundle and version, and since when it serves.
 */
@Service
@Command(
    scope = "flash",
    name = "drivers",
    description =
        "Shows which driver serves each device (ranking, bundle, version, since when) and every"
            + " registered Flash driver")
public class FlashDriversCommand extends FlashStackAction {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  @Reference FlashVirtualizer virtualizer;

  @Reference BundleContext context;

  @Option(name = "--no-format", description = "Plain output, for scripts")
  boolean noFormat;

  /** A registered driver, as its service says. */
  private record Registered(
      String name, int ranking, String preferredFor, String bundle, String version, long id) {}

  @Override
  void run() throws Exception {
    Map<String, List<Registered>> byName = new TreeMap<>();
    for (ServiceReference<FlashDriver> reference :
        Services.references(context, FlashDriver.class, null)) {
      Object name = reference.getProperty(DeviceProperties.DRIVER_NAME);
      Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
      Object preferred = reference.getProperty(DeviceProperties.DRIVER_PREFERRED_FOR);
      Bundle bundle = reference.getBundle();
      Registered driver =
          new Registered(
              name == null ? "?" : name.toString(),
              ranking instanceof Integer value ? value : 0,
              preferred == null
                  ? ""
                  : preferred instanceof String[] names
                      ? String.join(",", names)
                      : preferred.toString(),
              bundle == null ? "-" : bundle.getSymbolicName(),
              bundle == null ? "-" : bundle.getVersion().toString(),
              (Long) reference.getProperty(Constants.SERVICE_ID));
      byName.computeIfAbsent(driver.name(), key -> new ArrayList<>()).add(driver);
    }
    ShellTable devices = new ShellTable();
    for (String column : List.of("Device", "Driver", "Ranking", "Bundle", "Version", "Since")) {
      devices.column(column);
    }
    List<String> serving = new ArrayList<>();
    for (DeviceQueueStatistics queue : virtualizer.queues()) {
      Registered driver = best(byName.get(queue.driver()));
      if (queue.driver() != null) {
        serving.add(queue.device() + "=" + queue.driver());
      }
      devices
          .addRow()
          .addContent(
              queue.device(),
              queue.driver() == null ? "none" : queue.driver(),
              driver == null ? "-" : driver.ranking(),
              driver == null ? "-" : driver.bundle(),
              driver == null ? "-" : driver.version(),
              since(queue.driverSince()));
    }
    devices.print(System.out, !noFormat);
    System.out.println();
    ShellTable drivers = new ShellTable();
    for (String column :
        List.of("Driver", "Ranking", "Preferred for", "Bundle", "Version", "Serves")) {
      drivers.column(column);
    }
    for (List<Registered> named : byName.values()) {
      named.sort(Comparator.comparingInt(Registered::ranking).reversed());
      for (Registered driver : named) {
        List<String> serves =
            serving.stream()
                .filter(entry -> entry.endsWith("=" + driver.name()))
                .map(entry -> entry.substring(0, entry.indexOf('=')))
                .toList();
        drivers
            .addRow()
            .addContent(
                driver.name(),
                driver.ranking(),
                driver.preferredFor().isEmpty() ? "-" : driver.preferredFor(),
                driver.bundle(),
                driver.version(),
                serves.isEmpty() ? "-" : String.join(", ", serves));
      }
    }
    drivers.print(System.out, !noFormat);
  }

  /** Of drivers registered under one name, the one the virtualizer would pick: best ranked. */
  private static Registered best(List<Registered> named) {
    if (named == null || named.isEmpty()) {
      return null;
    }
    return named.stream()
        .max(
            Comparator.comparingInt(Registered::ranking)
                .thenComparing(Registered::id, Comparator.reverseOrder()))
        .orElse(null);
  }

  private static String since(Instant instant) {
    return instant == null ? "-" : TIME.format(instant);
  }
}
