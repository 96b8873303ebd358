package org.flashstack.virtualizer.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashHardware;
import org.osgi.framework.Constants;
import org.osgi.util.converter.Converter;
import org.osgi.util.converter.Converters;

/**
 * Which drivers may drive a device, best first: the driver the hardware names in {@link
 * DeviceProperties#DRIVER} (only it; {@code none} for no driver), else every driver that supports
 * the hardware, those preferred for the device first, then by service ranking (higher first), then
 * the older service first, as the OSGi registry breaks ties.
 */
final class Candidates {
  private Candidates() {}

  private static final Converter CONVERTER = Converters.standardConverter();

  /** A registered driver, with its service properties read once. */
  record Driver(
      FlashDriver driver, String name, int ranking, Set<String> preferredFor, long serviceId) {

    static Driver of(FlashDriver driver, Map<String, ?> properties) {
      Object name = properties.get(DeviceProperties.DRIVER_NAME);
      return new Driver(
          driver,
          name == null ? driver.name() : name.toString(),
          CONVERTER
              .convert(properties.get(Constants.SERVICE_RANKING))
              .defaultValue(0)
              .to(int.class),
          devices(properties.get(DeviceProperties.DRIVER_PREFERRED_FOR)),
          CONVERTER.convert(properties.get(Constants.SERVICE_ID)).defaultValue(0L).to(long.class));
    }

    private static Set<String> devices(Object value) {
      String[] names = CONVERTER.convert(value).defaultValue(new String[0]).to(String[].class);
      return Arrays.stream(names)
          .flatMap(name -> Arrays.stream(name.split(",")))
          .map(String::trim)
          .filter(name -> !name.isEmpty())
          .collect(Collectors.toUnmodifiableSet());
    }
  }

  static List<Driver> choose(FlashHardware hardware, Collection<Driver> drivers) {
    Object pinned = hardware.properties().get(DeviceProperties.DRIVER);
    String wanted = pinned == null ? "" : pinned.toString().trim();
    if (wanted.equals(DeviceProperties.DRIVER_NONE)) {
      return List.of();
    }
    List<Driver> candidates = new ArrayList<>();
    for (Driver driver : drivers) {
      if ((wanted.isEmpty() || wanted.equals(driver.name())) && supports(driver, hardware)) {
        candidates.add(driver);
      }
    }
    candidates.sort(preference(hardware.name()));
    return candidates;
  }

  /**
   * @return the order of drivers for {@code device}: preferred for it first, then the better
   *     ranking, then the older service, as the OSGi registry breaks ties
   */
  static Comparator<Driver> preference(String device) {
    return Comparator.comparing((Driver d) -> !d.preferredFor().contains(device))
        .thenComparing(Driver::ranking, Comparator.reverseOrder())
        .thenComparingLong(Driver::serviceId);
  }

  private static boolean supports(Driver driver, FlashHardware hardware) {
    try {
      return driver.driver().supports(hardware);
    } catch (RuntimeException misbehaving) {
      return false;
    }
  }
}
