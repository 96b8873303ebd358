package org.flashstack.api.device;

import java.util.Map;

/**
 * The service property names every layer uses for devices, in one place, so that a model, a driver,
 * the flash virtualizer and the shell spell them alike.
 *
 * <p>Device models are factory configurations; DS publishes a component's configuration as its
 * service properties, so the attribute {@code device.name} of a configuration is the {@value #NAME}
 * property of the services it creates.
 */
public final class DeviceProperties {
  private DeviceProperties() {}

  /** The device instance name, unique in the system, e.g. {@code nor0}: every layer's key. */
  public static final String NAME = "device.name";

  /**
   * The binding the hardware follows, e.g. {@code cfi-flash}, as a device tree's {@code
   * compatible}: drivers decide by it whether they can drive the hardware.
   */
  public static final String COMPATIBLE = "device.compatible";

  /**
   * On hardware: the driver that must drive this device (a driver's {@value #DRIVER_NAME}), or
   * {@value #DRIVER_NONE} to leave it undriven; absent means "the best-ranked driver that can".
   */
  public static final String DRIVER = "device.driver";

  /** {@value #DRIVER} value: no driver may drive the device. */
  public static final String DRIVER_NONE = "none";

  /** On a driver's and a flash service: the driver's name, e.g. {@code cfi}. */
  public static final String DRIVER_NAME = "flash.driver";

  /**
   * On a driver: the device names it is preferred for (String or String[]), whatever its ranking;
   * from the driver's configuration, changeable at runtime.
   */
  public static final String DRIVER_PREFERRED_FOR = "flash.driver.preferredFor";

  /**
   * On hardware: the name of one path to a device that can be reached through several controllers
   * (a chip behind both an SPI host and a vendor QSPI controller). Hardware of a device name
   * already known joins it as another path only if it carries this property; the flash virtualizer
   * then chooses a driver over every path, and moves the device between paths as drivers come and
   * go.
   *
   * @since 1.3
   */
  public static final String PATH = "device.path";

  /**
   * On a bus controller's hardware (an SPI host): {@code true}. Its driver provides a bus, not
   * flash, so the flash virtualizer leaves it alone.
   */
  public static final String CONTROLLER = "device.controller";

  /** On a flash service: the device size in bytes (Long). */
  public static final String FLASH_SIZE = "flash.size";

  /**
   * @return the {@value #NAME} of a service's properties
   * @throws IllegalArgumentException if it has none
   */
  public static String name(Map<String, ?> properties) {
    Object name = properties.get(NAME);
    if (name == null || name.toString().isBlank()) {
      throw new IllegalArgumentException("a device service without " + NAME + ": " + properties);
    }
    return name.toString();
  }

  /**
   * @return an LDAP filter matching services of device {@code name}, with the name escaped
   */
  public static String filter(String name) {
    StringBuilder escaped = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (c == '\\' || c == '(' || c == ')' || c == '*') {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return "(" + NAME + "=" + escaped + ")";
  }
}
