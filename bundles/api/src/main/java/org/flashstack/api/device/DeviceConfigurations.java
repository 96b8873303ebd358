package org.flashstack.api.device;

import java.lang.reflect.Method;
import java.util.Map;
import org.osgi.util.converter.ConversionException;
import org.osgi.util.converter.Converter;
import org.osgi.util.converter.Converters;

/**
 * Checks a device configuration's raw values against its Metatype-described attributes before DS's
 * typed view is used, so that a bad value fails the device with the attribute, the value and the
 * reason in one line (shown by {@code flash:problems}) instead of a bare NumberFormatException.
 */
public final class DeviceConfigurations {
  private DeviceConfigurations() {}

  private static final Converter CONVERTER = Converters.standardConverter();

  /**
   * @param attributes the configuration's annotation type (Metatype's attribute definitions)
   * @param properties the raw configuration properties
   * @throws IllegalArgumentException naming the device, the first bad attribute, its value and why
   */
  public static void check(Class<?> attributes, Map<String, ?> properties) {
    Object device = properties.get("device.name");
    String who = device == null ? "device" : device.toString();
    for (Method method : attributes.getDeclaredMethods()) {
      String key =
          method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
      Object value = properties.get(key);
      Class<?> type = method.getReturnType();
      if (value == null || type == String.class || type.isArray()) {
        continue;
      }
      try {
        if (type == boolean.class
            && !(value instanceof Boolean)
            && !value.toString().trim().matches("(?i)true|false")) {
          throw new IllegalArgumentException("not a boolean");
        }
        CONVERTER.convert(value).to(type);
      } catch (ConversionException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            String.format(
                "%s: %s = '%s' is not %s%s",
                who,
                key,
                value,
                describe(type),
                value.toString().contains("#")
                    ? " (a .cfg file takes comments only on lines of their own)"
                    : ""));
      }
    }
  }

  private static String describe(Class<?> type) {
    if (type == int.class || type == long.class) {
      return "a whole number";
    }
    if (type == boolean.class) {
      return "true or false";
    }
    return "a " + type.getSimpleName();
  }
}
