package org.flashstack.memprog.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The wire format against MemProgLib 2.0.0's layout (shared/reference/memproglib.md): field
 * offsets, P1..P6 reversed, little-endian words, token and status values, sequence numbers, the
 * CRC's check value.
 */
class MemProgWireTest {

  @Test
  void paramIsThirtyTwoBytesWithItsParametersReversed() {
    MemProgParam param =
        new MemProgParam(
            MemProg.TOKEN_TARGET,
            MemProg.STATUS_START,
            2,
            MemProg.CMD_ERASE_RANGE,
            0x11223344L,
            new long[] {0x0000_1000L, 0x2000L, 3, 4, 5, 0xffff_fffeL});
    byte[] bytes = param.encode();
    assertEquals(32, bytes.length);
    assertEquals(
        "80"
            + "01"
            + "02"
            + "01"
            + "44332211"
            + "feffffff" // P6 at +8
            + "05000000" // P5
            + "04000000" // P4
            + "03000000" // P3
            + "00200000" // P2 at +24
            + "00100000", // P1 at +28
        HexFormat.of().formatHex(bytes));
    assertEquals(param, MemProgParam.decode(bytes, 0));
    assertEquals(0x1000L, MemProgParam.decode(bytes, 0).parameter(1));
    assertEquals(28, MemProgParam.parameterOffset(1));
    assertEquals(8, MemProgParam.parameterOffset(6));
    assertThrows(IllegalArgumentException.class, () -> MemProgParam.parameterOffset(7));
  }

  @Test
  void bdtIsSixteenBytesWithAddressAtEightAndLengthAtTwelve() {
    MemProgBdt bdt =
        new MemProgBdt(
            MemProg.TOKEN_HOST, MemProg.BUFFER_FULL, 1, MemProg.SEQUENCE_LAST, 0x2000_4000L, 1024);
    byte[] bytes = bdt.encode();
    assertEquals(
        "00020180" + "00000000" + "00400020" + "00040000", HexFormat.of().formatHex(bytes));
    assertEquals(bdt, MemProgBdt.decode(bytes, 0));
    assertTrue(bdt.isLast());
  }

  @Test
  void sequenceNumbersWrapAfter0x7fAndStatusesAreNamed() {
    assertEquals(1, MemProg.nextSequence(0));
    assertEquals(0x7f, MemProg.nextSequence(0x7e));
    assertEquals(0, MemProg.nextSequence(0x7f), "wraps to 0, never reaching 0x80 (last)");
    assertTrue(MemProg.isResult(MemProg.STATUS_OK));
    assertTrue(MemProg.isResult(MemProg.STATUS_ERR_OTHER | MemProg.STATUS_BUFFER));
    assertTrue(MemProg.isResult(MemProg.STATUS_BUFFER));
    assertFalse(MemProg.isResult(MemProg.STATUS_ACK));
    assertEquals("ERR_PARAM + BUFFER", MemProg.statusName(0xc1));
    assertEquals("0x05 (not in the status table)", MemProg.statusName(0x05));
    assertEquals("QUERY_CAP", MemProg.commandName(0x7f));
    assertEquals("custom 0x81", MemProg.commandName(0x81));
    assertEquals(0x0002_0000L, MemProg.VERSION);
  }

  @Test
  void theCrcIsTheReflectedCrc32() {
    assertEquals(0xcbf4_3926L, MemProgCrc.of("123456789".getBytes(StandardCharsets.US_ASCII)));
    byte[] data = new byte[1000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    assertEquals(
        MemProgCrc.of(data),
        new MemProgCrc().update(data, 0, 300).update(data, 300, 700).value(),
        "pieces in order give the whole's CRC");
  }
}
