package org.flashstack.gdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The packet encodings, checked against the byte-by-byte rules of the GDB manual. */
class RspEncodingTest {

  private static final byte[] SPECIAL = {'#', '$', '}', '*'};

  /** Random bytes with the characters RSP treats specially sprinkled in at a given rate. */
  private static byte[] bytes(Random random, int length, int specialsPerHundred) {
    byte[] data = new byte[length];
    random.nextBytes(data);
    for (int i = 0; i < length; i++) {
      if (random.nextInt(100) < specialsPerHundred) {
        data[i] = SPECIAL[random.nextInt(SPECIAL.length)];
      }
    }
    return data;
  }

  @Test
  void eightAtATimeScansAgreeWithTheByteByByteRulesAtEveryOffsetAndLength() {
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      byte[] data = bytes(random, random.nextInt(80), random.nextInt(4) * 5);
      int from = data.length == 0 ? 0 : random.nextInt(data.length + 1);
      int to = from + random.nextInt(data.length - from + 1);
      long sum = 0;
      int hash = to;
      int brace = to;
      int escapable = to;
      for (int i = to - 1; i >= from; i--) {
        int b = data[i] & 0xff;
        sum += b;
        hash = b == '#' ? i : hash;
        brace = b == '}' ? i : brace;
        escapable = b == '#' || b == '$' || b == '}' || b == '*' ? i : escapable;
      }
      String where = "round " + round;
      assertEquals(sum, ByteScan.sum(data, from, to), where);
      assertEquals(hash, ByteScan.indexOfHash(data, from, to), where);
      assertEquals(brace, ByteScan.indexOfBrace(data, from, to), where);
      assertEquals(escapable, ByteScan.indexOfEscapable(data, from, to), where);
    }
    byte[] ones = new byte[100_000];
    Arrays.fill(ones, (byte) 0xff);
    assertEquals(255L * ones.length, ByteScan.sum(ones, 0, ones.length), "lanes never overflow");
  }

  @Test
  void escapedDataUnescapesToWhatWentInAndNeverPassesItsLimitOrSplitsAnEscape() throws Exception {
    Random random = new Random(3);
    for (int round = 0; round < 500; round++) {
      byte[] data = bytes(random, 1 + random.nextInt(3_000), random.nextInt(60));
      int limit = 1 + random.nextInt(4_000);
      RspConnection.Builder builder = new RspConnection.Builder(16).skip(4);
      int taken = builder.escaped(data, 0, data.length, limit + 4);
      assertTrue(builder.size() <= limit + 4, "round " + round + ": over the limit");
      byte[] packet = Arrays.copyOf(builder.array(), builder.size());
      int end = RspConnection.unescapeInPlace(packet, 4, packet.length);
      assertArrayEquals(Arrays.copyOf(data, taken), Arrays.copyOfRange(packet, 4, end));
      if (taken < data.length) {
        int room = limit - (builder.size() - 4);
        boolean nextIsSpecial = RspConnection.needsEscape(data[taken] & 0xff);
        assertTrue(room == 0 || nextIsSpecial && room == 1, "round " + round + ": room left");
      }
    }
    assertThrows(
        RspProtocolException.class,
        () -> RspConnection.unescapeInPlace(new byte[] {'a', '}'}, 0, 2),
        "an escape at the very end");
  }

  @Test
  void aPacketsChecksumIsTheModulo256SumOfItsData() throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    RspConnection out =
        new RspConnection(new ByteArrayInputStream(new byte[0]), wire, () -> {}, 64);
    out.noAck();
    byte[] data = "m20000000,4".getBytes(StandardCharsets.US_ASCII);
    out.send(data, data.length);
    assertEquals("$m20000000,4#4f", wire.toString(StandardCharsets.US_ASCII));
    // and what a peer sends back is read, whatever comes around it
    byte[] big = bytes(new Random(1), 70_000, 0);
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) ('a' + (big[i] & 0xf)); // no '#' inside
    }
    ByteArrayOutputStream peer = new ByteArrayOutputStream();
    RspConnection writer =
        new RspConnection(new ByteArrayInputStream(new byte[0]), peer, () -> {}, 1 << 20);
    writer.noAck();
    writer.send(big, big.length);
    RspConnection reader =
        new RspConnection(new ByteArrayInputStream(peer.toByteArray()), wire, () -> {}, 1 << 20);
    reader.noAck();
    assertArrayEquals(big, reader.receive());
  }
}
