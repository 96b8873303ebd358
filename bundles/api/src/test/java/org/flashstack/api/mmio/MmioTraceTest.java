package org.flashstack.api.mmio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MmioTraceTest {

  /** A register file of 16 bytes: reads return what was written, 8-byte accesses are refused. */
  static class Registers implements MmioBus {
    final Map<Long, Long> values = new HashMap<>();

    @Override
    public String name() {
      return "regs";
    }

    @Override
    public long size() {
      return 16;
    }

    @Override
    public long read(long offset, int width) {
      check(offset, width);
      return values.getOrDefault(offset, 0L);
    }

    @Override
    public void write(long offset, int width, long value) {
      check(offset, width);
      values.put(offset, value);
    }

    private void check(long offset, int width) {
      if (width == 8 || offset + width > size()) {
        throw new MmioAccessException(
            "regs: " + width + "-byte access at 0x" + Long.toHexString(offset) + " refused");
      }
    }

    @Override
    public void readBulk(long offset, byte[] destination, int destinationOffset, int length) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X {
      return session.run(this);
    }
  }

  @Test
  void parsesOperationsCommentsAndNumberForms() {
    MmioTrace trace =
        MmioTrace.parse(
            """
        # a comment line

        W 0x10 4 0x00980098   # trailing comment
        r 16 2
        R 0x20 1 0x51
        """);
    List<MmioOperation> ops = trace.operations();
    assertEquals(3, ops.size());
    assertEquals(MmioOperation.Kind.WRITE, ops.get(0).kind());
    assertEquals(0x10, ops.get(0).offset());
    assertEquals(0x00980098L, ops.get(0).value().getAsLong());
    assertEquals(3, ops.get(0).line());
    assertEquals(MmioOperation.Kind.READ, ops.get(1).kind());
    assertTrue(ops.get(1).value().isEmpty());
    assertEquals(0x51, ops.get(2).value().getAsLong());
  }

  @Test
  void formatIsParsedBackToTheSameOperations() {
    MmioTrace trace =
        new MmioTrace(
            List.of(
                MmioOperation.write(0, 4, 0xff),
                MmioOperation.read(4, 2),
                MmioOperation.readExpecting(8, 1, 0x80)));
    MmioTrace again = MmioTrace.parse(trace.format());
    assertEquals(trace.operations().size(), again.operations().size());
    for (int i = 0; i < trace.operations().size(); i++) {
      assertEquals(
          trace.operations().get(i).toTraceLine(), again.operations().get(i).toTraceLine());
    }
  }

  @Test
  void malformedLinesNameTheirLine() {
    assertLineError("W 0x0 4\n", 1, "a write needs a value");
    assertLineError("R 0x0 4\nX 0 4\n", 2, "operation must be R or W");
    assertLineError("R 0x0 3\n", 1, "1, 2, 4 or 8");
    assertLineError("\n\nR zz 4\n", 3, "offset 'zz' is not a number");
    assertLineError("W 0 1 0x100\n", 1, "does not fit in 1 byte");
    assertLineError("R 0 4 1 2\n", 1, "expected");
  }

  private static void assertLineError(String text, int line, String message) {
    MmioTraceFormatException e =
        assertThrows(MmioTraceFormatException.class, () -> MmioTrace.parse(text));
    assertEquals(line, e.line());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void replayPrintsEveryResponseAndCountsMismatches() {
    Registers registers = new Registers();
    MmioTrace trace = MmioTrace.parse("W 0 4 0x1234\nR 0 4\nR 0 4 0x1234\nR 0 4 0x9999\n");
    List<String> out = new ArrayList<>();
    MmioTrace.ReplayResult result = trace.replay(registers, out::add);
    assertEquals(4, out.size());
    assertTrue(out.get(1).endsWith("-> 0x00001234"), out.get(1));
    assertTrue(out.get(3).contains("MISMATCH (expected 0x00009999)"), out.get(3));
    assertEquals(4, result.executed());
    assertEquals(1, result.mismatches());
    assertFalse(result.passed());
  }

  @Test
  void aRefusedAccessEndsTheReplay() {
    Registers registers = new Registers();
    MmioTrace trace = MmioTrace.parse("W 0 4 1\nW 0 8 2\nW 4 4 3\n");
    List<String> out = new ArrayList<>();
    MmioTrace.ReplayResult result = trace.replay(registers, out::add);
    assertEquals(1, result.executed());
    assertTrue(result.refusal().contains("8-byte access"), result.refusal());
    assertTrue(out.get(1).contains("REFUSED"), out.get(1));
    assertFalse(registers.values.containsKey(4L), "nothing after the refusal ran");
  }
}
