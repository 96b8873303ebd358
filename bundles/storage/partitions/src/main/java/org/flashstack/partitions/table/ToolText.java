package org.flashstack.partitions.table;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code gen_esp32part.py} reads text, which is Python's way: lines split at every line
 * boundary Python knows, whitespace as Python's {@code str.isspace}, numbers as {@code int(x, 0)}
 * (0x, 0o and 0b prefixes, underscores between digits, no leading zeros on decimals), and {@code
 * $NAME} / {@code ${NAME}} expanded from the environment. Kept apart so each rule is tested on its
 * own.
 */
final class ToolText {
  private ToolText() {}

  private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z0-9_]+|\\{[^}]*\\})");
  private static final Pattern UNKNOWN_AT_START = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern INTEGER =
      Pattern.compile(
          "([+-]?)(?:0[xX]((?:_?[0-9a-fA-F])+)|0[oO]((?:_?[0-7])+)|0[bB]((?:_?[01])+)"
              + "|([1-9](?:_?[0-9])*)|(0(?:_?0)*))");

  /** Python's str.splitlines(): every line boundary, none kept, no empty last line. */
  static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (isLineBoundary(c)) {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
      i++;
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  private static boolean isLineBoundary(char c) {
    return c == '\n'
        || c == '\r'
        || c == 0x0b
        || c == 0x0c
        || c == 0x1c
        || c == 0x1d
        || c == 0x1e
        || c == 0x85
        || c == 0x2028
        || c == 0x2029;
  }

  /** Python's str.isspace() for one character. */
  static boolean isSpace(char c) {
    return (c >= 0x09 && c <= 0x0d)
        || (c >= 0x1c && c <= 0x20)
        || c == 0x85
        || c == 0xa0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202f
        || c == 0x205f
        || c == 0x3000;
  }

  /** Python's str.strip() without arguments. */
  static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  /**
   * Python's os.path.expandvars: each $NAME or ${NAME} whose name is in {@code environment} is
   * replaced, the rest is left as written.
   */
  static String expandVariables(String line, Map<String, String> environment) {
    if (line.indexOf('$') < 0) {
      return line;
    }
    StringBuilder out = new StringBuilder();
    Matcher matcher = VARIABLE.matcher(line);
    int last = 0;
    while (matcher.find()) {
      String name = matcher.group(1);
      if (name.startsWith("{") && name.endsWith("}")) {
        name = name.substring(1, name.length() - 1);
      }
      String value = environment.get(name);
      if (value != null) {
        out.append(line, last, matcher.start()).append(value);
        last = matcher.end();
      }
    }
    return out.append(line.substring(last)).toString();
  }

  /**
   * @return the name of the unknown variable a line starts with after expansion, as the tool checks
   *     (only at the start of the line), or null
   */
  static String unknownVariableAtStart(String expanded) {
    Matcher matcher = UNKNOWN_AT_START.matcher(expanded);
    return matcher.find() ? matcher.group(1) : null;
  }

  /**
   * Python's int(text, 0).
   *
   * @return the value, or null if Python would raise ValueError
   */
  static BigInteger pythonInt(String text) {
    Matcher matcher = INTEGER.matcher(strip(text));
    if (!matcher.matches()) {
      return null;
    }
    BigInteger value;
    if (matcher.group(2) != null) {
      value = new BigInteger(matcher.group(2).replace("_", ""), 16);
    } else if (matcher.group(3) != null) {
      value = new BigInteger(matcher.group(3).replace("_", ""), 8);
    } else if (matcher.group(4) != null) {
      value = new BigInteger(matcher.group(4).replace("_", ""), 2);
    } else if (matcher.group(5) != null) {
      value = new BigInteger(matcher.group(5).replace("_", ""));
    } else {
      value = BigInteger.ZERO;
    }
    return "-".equals(matcher.group(1)) ? value.negate() : value;
  }

  /**
   * The tool's parse_int: a trailing k or m (either case) multiplies by 1024 or 1024 * 1024 and is
   * taken off, again and again; then int(x, 0), then a keyword (case-insensitive).
   *
   * @param keywords the keywords of the field, empty for offsets and sizes
   * @throws PartitionTableException "Invalid field value ..." or "Value '...' is not valid. Known
   *     keywords: ..."
   */
  static BigInteger parseInt(String value, Map<String, Integer> keywords)
      throws PartitionTableException {
    String lower = EspPartitionTypes.lower(value);
    if (lower.endsWith("k")) {
      return parseInt(value.substring(0, value.length() - 1), keywords)
          .multiply(BigInteger.valueOf(1024));
    }
    if (lower.endsWith("m")) {
      return parseInt(value.substring(0, value.length() - 1), keywords)
          .multiply(BigInteger.valueOf(1024 * 1024));
    }
    BigInteger number = pythonInt(value);
    if (number != null) {
      return number;
    }
    if (keywords.isEmpty()) {
      throw new PartitionTableException("Invalid field value " + value);
    }
    Integer keyword = keywords.get(lower);
    if (keyword == null) {
      throw new PartitionTableException(
          "Value '"
              + value
              + "' is not valid. Known keywords: "
              + String.join(", ", keywords.keySet()));
    }
    return BigInteger.valueOf(keyword);
  }
}
