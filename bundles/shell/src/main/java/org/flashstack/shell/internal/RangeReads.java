package org.flashstack.shell.internal;

import java.nio.file.Path;
import org.apache.karaf.shell.api.console.Session;
import org.flashstack.api.device.ByteSizes;

/**
 * How {@code flash:read} and {@code part:read} show a range: a hex dump up to {@link #MAX_DUMP}, or
 * the bytes into a file in {@link #CHUNK}-sized reads (written whole or not at all).
 */
final class RangeReads {
  private RangeReads() {}

  /** Hex dumps larger than this are refused; use --out. */
  static final long MAX_DUMP = 1 << 20;

  /** Reads into a file go in chunks of this size. */
  static final int CHUNK = 1 << 20;

  /** Where the bytes come from: a device or a partition. */
  @FunctionalInterface
  interface Source {
    void read(long address, byte[] destination, int offset, int length) throws Exception;
  }

  /**
   * Dumps {@code [address, address + count)} of {@code what}, or saves it into {@code out} (a path
   * as the user typed it) and prints a summary.
   */
  static void show(
      Session session, Source source, String what, long address, long count, String out)
      throws Exception {
    if (out == null && count > MAX_DUMP) {
      throw new IllegalArgumentException(
          "hex dumps are limited to "
              + ByteSizes.format(MAX_DUMP)
              + "; use --out <file> for "
              + ByteSizes.format(count));
    }
    if (out == null) {
      byte[] data = new byte[(int) count];
      source.read(address, data, 0, data.length);
      System.out.print(HexDump.format(address, data));
      return;
    }
    long started = System.nanoTime();
    Path file = OutputFiles.target(UserPaths.resolve(session, out));
    OutputFiles.write(
        file,
        stream -> {
          byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(count, 1))];
          for (long done = 0; done < count; done += chunk.length) {
            int size = (int) Math.min(chunk.length, count - done);
            source.read(address + done, chunk, 0, size);
            stream.write(chunk, 0, size);
          }
        });
    System.out.printf(
        "%s read from %s at 0x%08x into %s%n",
        Numbers.rate(count, System.nanoTime() - started), what, address, file);
  }
}
