package org.flashstack.shell.internal;

import java.io.PrintStream;
import java.util.Arrays;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.ByteSizes;

/**
 * How {@code flash:write} and {@code part:write} program a file: in pieces of {@link #PIECE}, with
 * a progress line at each quarter of a write longer than {@link #PROGRESS_FROM}, then read back and
 * compared, then the summary's figures.
 */
final class RangeWrites {
  private RangeWrites() {}

  /** A write is programmed and verified in pieces of this size. */
  static final int PIECE = 256 << 10;

  /** Writes longer than this print their progress. */
  static final long PROGRESS_FROM = 1 << 20;

  /** Where the bytes go: a device or a partition. */
  @FunctionalInterface
  interface Sink {
    void write(long address, byte[] source, int offset, int length) throws Exception;
  }

  /** What to say when the bytes read back differ. */
  @FunctionalInterface
  interface Mismatch {
    String describe(long address, int wrote, int read);
  }

  /**
   * Programs {@code data} at {@code address} through {@code sink} in pieces of at most {@code
   * piece} bytes (the whole at once if it is at least the length), reads it back through {@code
   * source} and compares.
   *
   * @return the summary's figures: "N bytes in T s (R KiB/s), device time D s"
   * @throws FlashStackAction.UserMistake if a byte read back differs, said by {@code mismatch}
   */
  static String writeAndVerify(
      PrintStream out,
      Sink sink,
      RangeReads.Source source,
      long address,
      byte[] data,
      int piece,
      EmulatedClock clock,
      Mismatch mismatch)
      throws Exception {
    Progress progress = new Progress(out, data.length);
    long started = System.nanoTime();
    long deviceStarted = clock.now();
    for (int done = 0; done < data.length || done == 0; ) {
      int length = Math.min(piece, data.length - done);
      sink.write(address + done, data, done, length);
      done += length;
      progress.reached("programmed", done);
      if (length == 0) {
        break;
      }
    }
    long deviceTime = clock.now() - deviceStarted;
    byte[] back = new byte[Math.min(PIECE, data.length)];
    for (int done = 0; done < data.length; ) {
      int length = Math.min(back.length, data.length - done);
      source.read(address + done, back, 0, length);
      int at =
          Arrays.mismatch(
              Arrays.copyOfRange(data, done, done + length), Arrays.copyOf(back, length));
      if (at >= 0) {
        throw new FlashStackAction.UserMistake(
            mismatch.describe(address + done + at, data[done + at] & 0xff, back[at] & 0xff));
      }
      done += length;
      progress.reached("verified", done);
    }
    return Numbers.rate(data.length, System.nanoTime() - started, deviceTime);
  }

  /** Prints " 50% programmed (2 MiB of 4 MiB)" at each quarter of a long write. */
  private static final class Progress {
    private final PrintStream out;
    private final long total;
    private final boolean shown;
    private String phase = "";
    private int quarter;

    Progress(PrintStream out, long total) {
      this.out = out;
      this.total = total;
      this.shown = total > PROGRESS_FROM;
    }

    void reached(String phase, long done) {
      if (!shown) {
        return;
      }
      if (!phase.equals(this.phase)) {
        this.phase = phase;
        quarter = 0;
      }
      while (quarter < 4 && done * 4 >= (quarter + 1) * total) {
        quarter++;
        out.printf(
            "  %3d%% %s (%s of %s)%n",
            25 * quarter, phase, ByteSizes.format(done), ByteSizes.format(total));
      }
      out.flush();
    }
  }
}
