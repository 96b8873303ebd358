package org.flashstack.api.mmio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A recorded sequence of MMIO accesses, in a line-oriented text format, and its replay against a
 * device.
 *
 * <h2>Format</h2>
 *
 * <pre>
 * # comment (also after an operation)
 * W &lt;offset&gt; &lt;width&gt; &lt;value&gt;      write value
 * R &lt;offset&gt; &lt;width&gt; [&lt;expected&gt;] read; with an expected value the replay checks it
 * </pre>
 *
 * Offsets and values are hexadecimal with {@code 0x} or decimal; width is 1, 2, 4 or 8 bytes.
 * {@code R}/{@code W} are case-insensitive. Blank lines are ignored. A malformed line makes the
 * whole trace invalid ({@link MmioTraceFormatException} names the line): nothing is replayed from a
 * trace that does not parse.
 */
public final class MmioTrace {

  private final List<MmioOperation> operations;

  /**
   * @param operations the operations, in order
   */
  public MmioTrace(List<MmioOperation> operations) {
    this.operations = List.copyOf(operations);
  }

  /**
   * @return the operations, in order
   */
  public List<MmioOperation> operations() {
    return operations;
  }

  /** Parses a trace file (UTF-8). */
  public static MmioTrace parse(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader);
    }
  }

  /** Parses trace text. */
  public static MmioTrace parse(String text) {
    try {
      return parse(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
  }

  /** Parses a trace from a reader. */
  public static MmioTrace parse(Reader reader) throws IOException {
    BufferedReader lines = new BufferedReader(reader);
    List<MmioOperation> operations = new ArrayList<>();
    String text;
    int lineNumber = 0;
    while ((text = lines.readLine()) != null) {
      lineNumber++;
      int comment = text.indexOf('#');
      String content = (comment >= 0 ? text.substring(0, comment) : text).trim();
      if (!content.isEmpty()) {
        operations.add(parseLine(content, lineNumber));
      }
    }
    return new MmioTrace(operations);
  }

  private static MmioOperation parseLine(String content, int line) {
    String[] fields = content.split("\\s+");
    MmioOperation.Kind kind =
        switch (fields[0].toUpperCase(Locale.ROOT)) {
          case "R" -> MmioOperation.Kind.READ;
          case "W" -> MmioOperation.Kind.WRITE;
          default ->
              throw new MmioTraceFormatException(
                  line, "operation must be R or W, not '" + fields[0] + "'");
        };
    if (fields.length < 3 || fields.length > 4) {
      throw new MmioTraceFormatException(
          line,
          "expected '"
              + fields[0]
              + " <offset> <width>"
              + (kind == MmioOperation.Kind.WRITE ? " <value>'" : " [<expected>]'"));
    }
    if (kind == MmioOperation.Kind.WRITE && fields.length != 4) {
      throw new MmioTraceFormatException(line, "a write needs a value");
    }
    long offset = number(fields[1], "offset", line);
    long width = number(fields[2], "width", line);
    OptionalLong value =
        fields.length == 4
            ? OptionalLong.of(number(fields[3], "value", line))
            : OptionalLong.empty();
    try {
      return new MmioOperation(kind, offset, (int) width, value, line);
    } catch (IllegalArgumentException e) {
      throw new MmioTraceFormatException(line, e.getMessage());
    }
  }

  private static long number(String text, String what, int line) {
    try {
      String lower = text.toLowerCase(Locale.ROOT);
      return lower.startsWith("0x")
          ? Long.parseUnsignedLong(lower.substring(2), 16)
          : Long.parseLong(lower);
    } catch (NumberFormatException e) {
      throw new MmioTraceFormatException(line, what + " '" + text + "' is not a number");
    }
  }

  /**
   * @return the trace in its text format, one operation a line
   */
  public String format() {
    StringBuilder text = new StringBuilder("# FlashStack MMIO trace\n");
    for (MmioOperation operation : operations) {
      text.append(operation.toTraceLine()).append('\n');
    }
    return text.toString();
  }

  /**
   * Replays the trace against {@code device} (a claim, or a model's registers), holding it
   * exclusively, and reports every response to {@code out}, one line per operation. A refused
   * access ends the replay (as a bus fault ends the firmware that caused it); a read that differs
   * from its expected value is reported and the replay goes on.
   *
   * @return what happened
   */
  public ReplayResult replay(MmioBus device, Consumer<String> out) {
    return device.exclusive(
        target -> {
          int executed = 0;
          int mismatches = 0;
          for (MmioOperation operation : operations) {
            String where = String.format("%5d  %s", operation.line(), operation.toTraceLine());
            try {
              if (operation.kind() == MmioOperation.Kind.WRITE) {
                target.write(operation.offset(), operation.width(), operation.value().getAsLong());
                out.accept(where);
              } else {
                long value = target.read(operation.offset(), operation.width());
                String response =
                    where
                        + (operation.value().isPresent() ? " ->" : " -> ")
                        + hex(value, operation.width());
                if (operation.value().isPresent() && operation.value().getAsLong() != value) {
                  mismatches++;
                  response +=
                      "  MISMATCH (expected "
                          + hex(operation.value().getAsLong(), operation.width())
                          + ")";
                }
                out.accept(response);
              }
              executed++;
            } catch (MmioAccessException e) {
              out.accept(where + "  REFUSED: " + e.getMessage());
              return new ReplayResult(executed, mismatches, e.getMessage());
            }
          }
          return new ReplayResult(executed, mismatches, null);
        });
  }

  static String hex(long value, int width) {
    return String.format("0x%0" + (2 * width) + "x", value);
  }

  /**
   * What a replay did.
   *
   * @param executed operations that reached the device
   * @param mismatches reads whose value differed from the expected one
   * @param refusal the message of the access that ended the replay, or null if all ran
   */
  public record ReplayResult(int executed, int mismatches, String refusal) {
    /**
     * @return whether every operation ran and every expectation held
     */
    public boolean passed() {
      return refusal == null && mismatches == 0;
    }
  }
}
