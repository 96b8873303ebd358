package org.flashstack.partitions.table;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A command-line entry point that behaves like ESP-IDF's {@code gen_esp32part.py} 1.5, so scripts
 * can swap it in: {@code esp32part [options] <input> [<output>]}. A CSV input writes a binary, a
 * binary input (its first bytes AA 50) writes a CSV; no output or {@code -} writes to standard
 * output. Refusals print why on standard error, exit with status 2 (the tool's) and leave no output
 * file (the output is written to a temporary file and moved into place). Plain Java: it needs only
 * this bundle's jar on the class path.
 */
public final class Esp32Part {
  private Esp32Part() {}

  /** The status for a refused input or a bad argument, as the tool's. */
  public static final int REFUSED = 2;

  /** The status for an output that could not be written. */
  public static final int FAILED = 1;

  private static final List<String> FLASH_SIZES =
      List.of("1MB", "2MB", "4MB", "8MB", "16MB", "32MB", "64MB", "128MB");

  private static final String USAGE =
      "usage: esp32part [-h] [--flash-size {1MB,2MB,4MB,8MB,16MB,32MB,64MB,128MB}]"
          + " [--disable-md5sum] [--no-verify] [--verify] [--quiet] [--offset OFFSET]"
          + " [--primary-bootloader-offset OFFSET] [--recovery-bootloader-offset OFFSET]"
          + " [--secure [{v1,v2}]] input [output]";

  /** Runs and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /** A usage mistake: the status and message argparse gives. */
  private static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Runs the tool.
   *
   * @return the exit status: 0, {@link #REFUSED} or {@link #FAILED}
   */
  public static int run(
      String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
    EspTableOptions options = EspTableOptions.defaults().withEnvironment(environment);
    boolean quiet = false;
    List<String> positional = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String value = null;
        int equals = arg.indexOf('=');
        if (arg.startsWith("--") && equals > 0) {
          value = arg.substring(equals + 1);
          arg = arg.substring(0, equals);
        }
        switch (arg) {
          case "-h", "--help" -> {
            out.println(USAGE);
            out.println();
            out.println(
                "ESP32 partition table utility (FlashStack, compatible with gen_esp32part.py"
                    + " 1.5): converts a CSV table to its binary form and a binary one to CSV.");
            return 0;
          }
          case "--disable-md5sum" -> options = options.withMd5(false);
          case "--no-verify" -> options = options.withVerify(false);
          case "--verify", "-v" -> {
            // deprecated in the tool: verifying is the default
          }
          case "--quiet", "-q" -> quiet = true;
          case "--offset", "-o" -> {
            value = value != null ? value : next(args, ++i, arg);
            options = options.withTableOffset(number(value, arg));
          }
          case "--primary-bootloader-offset" -> {
            value = value != null ? value : next(args, ++i, arg);
            options =
                options.withBootloaderOffsets(
                    number(value, arg), options.recoveryBootloaderOffset());
          }
          case "--recovery-bootloader-offset" -> {
            value = value != null ? value : next(args, ++i, arg);
            options =
                options.withBootloaderOffsets(
                    options.primaryBootloaderOffset(), number(value, arg));
          }
          case "--flash-size" -> {
            value = value != null ? value : next(args, ++i, arg);
            if (!FLASH_SIZES.contains(value)) {
              throw new UsageException(
                  "argument --flash-size: invalid choice: '"
                      + value
                      + "' (choose from "
                      + String.join(", ", FLASH_SIZES)
                      + ")");
            }
            options = options.withFlashSize(Long.parseLong(value.replace("MB", "")) * 1024 * 1024);
          }
          case "--secure" -> {
            if (value == null && i + 1 < args.length && args[i + 1].matches("v[12]")) {
              value = args[++i];
            }
            if (value == null) {
              value = "v1";
            }
            if (!value.equals("v1") && !value.equals("v2")) {
              throw new UsageException(
                  "argument --secure: invalid choice: '" + value + "' (choose from v1, v2)");
            }
            options = options.withSecure(value);
          }
          default -> {
            if (arg.startsWith("-") && !arg.equals("-")) {
              throw new UsageException("unrecognized arguments: " + arg);
            }
            positional.add(arg);
          }
        }
      }
      if (positional.isEmpty()) {
        throw new UsageException("the following arguments are required: input");
      }
      if (positional.size() > 2) {
        throw new UsageException(
            "unrecognized arguments: "
                + String.join(" ", positional.subList(2, positional.size())));
      }
    } catch (UsageException e) {
      err.println(USAGE);
      err.println("esp32part: error: " + e.getMessage());
      return REFUSED;
    }
    if (options.primaryBootloaderOffset() != null
        && options.primaryBootloaderOffset() >= options.tableOffset()) {
      err.printf(
          "Unsupported configuration. Primary bootloader must be below partition table. Check"
              + " --primary-bootloader-offset=0x%x and --offset=0x%x%n",
          options.primaryBootloaderOffset(), options.tableOffset());
      return REFUSED;
    }
    Path input = Path.of(positional.get(0));
    String output = positional.size() > 1 ? positional.get(1) : "-";
    byte[] data;
    try {
      data = Files.readAllBytes(input);
    } catch (NoSuchFileException e) {
      err.println("esp32part: error: argument input: can't open '" + input + "': no such file");
      return REFUSED;
    } catch (IOException e) {
      err.println("esp32part: error: argument input: can't open '" + input + "': " + e);
      return REFUSED;
    }
    boolean binaryInput = EspPartitionTable.isBinary(data);
    byte[] result;
    try {
      EspPartitionTable table = EspPartitionTable.read(data, options);
      table.warnings().forEach(err::println);
      if (options.verify()) {
        if (!quiet) {
          err.println("Verifying table...");
        }
        table.verify(options.withFlashSize(0));
      }
      if (options.flashSize() > 0) {
        table.checkFits(options.flashSize());
      }
      result =
          binaryInput
              ? table.toCsv().getBytes(StandardCharsets.UTF_8)
              : table.toBinary(options.md5());
    } catch (PartitionTableException e) {
      err.println(e.getMessage());
      return REFUSED;
    }
    if (output.equals("-")) {
      out.write(result, 0, result.length);
      out.flush();
      return 0;
    }
    try {
      writeWhole(Path.of(output), result);
    } catch (IOException e) {
      err.println("esp32part: cannot write " + output + ": " + e.getMessage());
      return FAILED;
    }
    return 0;
  }

  private static String next(String[] args, int i, String option) throws UsageException {
    if (i >= args.length) {
      throw new UsageException("argument " + option + ": expected one argument");
    }
    return args[i];
  }

  private static long number(String text, String option) throws UsageException {
    BigInteger value = ToolText.pythonInt(text);
    if (value == null || value.signum() < 0 || value.bitLength() > 32) {
      throw new UsageException(
          "argument " + option + ": '" + text + "' is not an offset (0x8000, 32768)");
    }
    return value.longValue();
  }

  /** Writes the file whole or not at all, making its folder as the tool does. */
  private static void writeWhole(Path file, byte[] bytes) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".esp32part-", ".tmp");
    try {
      Files.write(temporary, bytes);
      try {
        Files.move(
            temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
