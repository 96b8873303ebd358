package org.flashstack.shell.internal;

import java.util.List;

/**
 * Karaf takes options only before the arguments; the commands that people habitually write with a
 * trailing option ({@code flash:read nor0 0 16 --out dump.bin}) collect what follows the arguments
 * and read the option from it here, refusing anything else with the usage.
 */
final class TrailingOptions {
  private TrailingOptions() {}

  /**
   * @return the value of the option named {@code names} in {@code trailing}, or {@code current}
   */
  static String value(List<String> trailing, String current, String usage, String... names) {
    if (trailing.size() == 2 && List.of(names).contains(trailing.get(0)) && current == null) {
      return trailing.get(1);
    }
    throw unexpected(trailing, usage);
  }

  /**
   * @return true if {@code trailing} is exactly the flag named {@code names}
   */
  static boolean flag(List<String> trailing, String usage, String... names) {
    if (trailing.size() == 1 && List.of(names).contains(trailing.get(0))) {
      return true;
    }
    throw unexpected(trailing, usage);
  }

  private static IllegalArgumentException unexpected(List<String> trailing, String usage) {
    return new IllegalArgumentException(
        "unexpected argument(s) " + String.join(" ", trailing) + "; usage: " + usage);
  }
}
