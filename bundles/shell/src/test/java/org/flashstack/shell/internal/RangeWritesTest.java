package org.flashstack.shell.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flashstack.api.clock.EmulatedClock;
import org.junit.jupiter.api.Test;

class RangeWritesTest {

  /** A clock that stands still: the figures' device time is 0. */
  private final EmulatedClock clock =
      new EmulatedClock() {
        @Override
        public long now() {
          return 0;
        }

        @Override
        public void pause(long nanos) {}

        @Override
        public void wakeAt(long instant) {}

        @Override
        public void advance(long nanos) {}

        @Override
        public String mode() {
          return MODE_VIRTUAL;
        }
      };

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  private final byte[] cells = new byte[4 << 20];
  private final List<Integer> pieces = new ArrayList<>();

  private void program(long address, byte[] source, int offset, int length) {
    pieces.add(length);
    for (int i = 0; i < length; i++) {
      cells[(int) address + i] &= source[offset + i];
    }
  }

  private void read(long address, byte[] destination, int offset, int length) {
    System.arraycopy(cells, (int) address, destination, offset, length);
  }

  private static String mismatch(long at, int wrote, int read) {
    return String.format("at 0x%x wrote 0x%02x read 0x%02x", at, wrote, read);
  }

  @Test
  void aLongWriteGoesInPiecesAndShowsEachQuarterOfBothPhases() throws Exception {
    java.util.Arrays.fill(cells, (byte) 0xff);
    byte[] data = new byte[2 << 20];
    new Random(1).nextBytes(data);
    String figures =
        RangeWrites.writeAndVerify(
            out,
            this::program,
            this::read,
            0x1000,
            data,
            RangeWrites.PIECE,
            clock,
            RangeWritesTest::mismatch);
    assertTrue(figures.startsWith("2097152 bytes in "), figures);
    assertEquals(8, pieces.size(), "2 MiB in 256 KiB pieces");
    assertArrayEquals(data, java.util.Arrays.copyOfRange(cells, 0x1000, 0x1000 + data.length));
    String lines = printed.toString(StandardCharsets.UTF_8);
    assertEquals(
        String.join(
            System.lineSeparator(),
            "   25% programmed (512 KiB of 2 MiB)",
            "   50% programmed (1 MiB of 2 MiB)",
            "   75% programmed (1536 KiB of 2 MiB)",
            "  100% programmed (2 MiB of 2 MiB)",
            "   25% verified (512 KiB of 2 MiB)",
            "   50% verified (1 MiB of 2 MiB)",
            "   75% verified (1536 KiB of 2 MiB)",
            "  100% verified (2 MiB of 2 MiB)",
            ""),
        lines);
  }

  @Test
  void aShortWriteIsQuietAndOnePieceMayBeAsked() throws Exception {
    java.util.Arrays.fill(cells, (byte) 0xff);
    byte[] data = new byte[300_000];
    RangeWrites.writeAndVerify(
        out, this::program, this::read, 0, data, data.length, clock, RangeWritesTest::mismatch);
    assertEquals(List.of(300_000), pieces, "one piece, as --erase's atomic update asks");
    assertEquals("", printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void cellsThatWereNotErasedFailTheVerifyAtTheFirstDifferentByte() {
    java.util.Arrays.fill(cells, (byte) 0xff);
    cells[0x2345] = 0x0f;
    byte[] data = new byte[0x1000];
    java.util.Arrays.fill(data, (byte) 0xf0);
    FlashStackAction.UserMistake refused =
        assertThrows(
            FlashStackAction.UserMistake.class,
            () ->
                RangeWrites.writeAndVerify(
                    out,
                    this::program,
                    this::read,
                    0x2000,
                    data,
                    RangeWrites.PIECE,
                    clock,
                    RangeWritesTest::mismatch));
    assertEquals("at 0x2345 wrote 0xf0 read 0x00", refused.getMessage());
  }
}
