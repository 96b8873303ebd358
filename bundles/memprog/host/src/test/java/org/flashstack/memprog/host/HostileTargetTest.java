package org.flashstack.memprog.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flashstack.memprog.protocol.MemProg;
import org.flashstack.memprog.protocol.MemProgBdt;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.protocol.MemProgParam;
import org.flashstack.memprog.transport.jvm.SimulatedRam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Targets that break the rules, written by hand against the RAM: the host reports each as an error
 * naming interface and command, and never writes outside PARAM, the BDTs and the buffers.
 */
class HostileTargetTest {

  static final long BASE = 0x2000_0000L;
  static final byte FILL = (byte) 0x5a;
  static final HostSettings QUICK = HostSettings.DEFAULTS.withTimeout(Duration.ofMillis(400));

  /** What the fake target does with a START of a command other than QUERY_CAP and DESCRIBE. */
  enum Behaviour {
    KEEP_THE_TOKEN,
    ANSWER_PAST_THE_BUFFER,
    STATUS_OUT_OF_THE_TABLE,
    PUBLIC_READ
  }

  SimulatedRam ram;
  MemProgLayout layout = MemProgLayout.packed(BASE + 0x200, 4, 64);
  volatile Behaviour behaviour;
  volatile boolean stop;
  ExecutorService thread = Executors.newSingleThreadExecutor();
  Future<?> running;

  @BeforeEach
  void fill() {
    ram = new SimulatedRam("jvm:fake", BASE, 8192);
    byte[] fill = new byte[8192];
    Arrays.fill(fill, FILL);
    ram.write(BASE, fill, 0, fill.length);
    ram.write(layout.paramAddress(), new byte[32], 0, 32);
    ram.write(layout.bdtBase(), new byte[4 * 16], 0, 64);
  }

  @AfterEach
  void guard() throws Exception {
    stop = true;
    if (running != null) {
      running.get();
    }
    thread.shutdownNow();
    byte[] all = new byte[8192];
    ram.read(BASE, all, 0, all.length);
    for (int i = 0; i < all.length; i++) {
      long address = BASE + i;
      if (address < layout.start() || address >= layout.end()) {
        assertEquals(FILL, all[i], String.format("0x%08x was written", address));
      }
    }
  }

  private void runFake(MemProgLayout reported) {
    runFake(reported.bdtBase(), reported.bufferBase(), reported.capabilitiesP3());
  }

  private void runFake(long bdtBase, long bufferBase, long p3) {
    running = thread.submit(() -> fake(bdtBase, bufferBase, p3));
  }

  private void fake(long bdtBase, long bufferBase, long p3) {
    long param = layout.paramAddress();
    Deque<byte[]> results = new ArrayDeque<>();
    int readIface = -1;
    int leftover = -1;
    while (!stop) {
      if (ram.read8(param) == MemProg.TOKEN_TARGET) {
        MemProgParam p = MemProgParam.read(ram, param);
        boolean pass = true;
        if (p.status() == MemProg.STATUS_START) {
          ram.write8(param + 1, MemProg.STATUS_ACK);
          switch (p.command()) {
            case MemProg.CMD_QUERY_CAP ->
                results.add(result(MemProg.STATUS_OK, p, MemProg.VERSION, bdtBase, bufferBase, p3));
            case MemProg.CMD_DESCRIBE ->
                results.add(result(MemProg.STATUS_ERR_IMPLEMENTATION, p, 0, 0, 0, 0));
            default -> {
              switch (behaviour) {
                case KEEP_THE_TOKEN -> pass = false;
                case STATUS_OUT_OF_THE_TABLE -> results.add(result(0x33, p, 0, 0, 0, 0));
                case ANSWER_PAST_THE_BUFFER, PUBLIC_READ -> readIface = p.iface();
              }
            }
          }
        } else if (!results.isEmpty()) {
          ram.write(param + 1, results.poll(), 1, 31);
        } else {
          ram.write8(param + 1, MemProg.STATUS_IDLE);
        }
        if (pass) {
          ram.fence();
          ram.write8(param, MemProg.TOKEN_HOST);
        } else {
          stop = true;
        }
      }
      if (readIface >= 0) {
        List<Integer> requests = new ArrayList<>();
        for (int i = 0; i < layout.bufferCount(); i++) {
          if (ram.read8(layout.bdtAddress(i)) == MemProg.TOKEN_TARGET
              && ram.read8(layout.bdtAddress(i) + 1) == MemProg.BUFFER_FULL) {
            requests.add(i);
          }
        }
        if (behaviour == Behaviour.ANSWER_PAST_THE_BUFFER && !requests.isEmpty()) {
          int i = requests.get(0);
          MemProgBdt b = MemProgBdt.read(ram, layout.bdtBase(), i);
          reply(i, b.iface(), 0, b.address(), layout.bufferSize() + 100);
        }
        if (behaviour == Behaviour.PUBLIC_READ && !requests.isEmpty()) {
          List<MemProgBdt> asked = new ArrayList<>();
          for (int i : requests) {
            asked.add(MemProgBdt.read(ram, layout.bdtBase(), i));
          }
          if (requests.size() == 2) {
            // two numbered requests: answered in reverse order
            int later = asked.get(0).sequence() > asked.get(1).sequence() ? 0 : 1;
            reply(requests.get(later), readIface, 1, asked.get(later).address(), 64);
            reply(requests.get(1 - later), readIface, 0, asked.get(1 - later).address(), 64);
          } else if (asked.get(0).isLast()) {
            // the last: answered 0x80, with a lent buffer left PENDING (AcquireBuffer's flaw)
            int spare = requests.get(0) == 3 ? 2 : 3;
            byte[] pending =
                new MemProgBdt(MemProg.TOKEN_TARGET, MemProg.BUFFER_PENDING, readIface, 0, 0, 0)
                    .encode();
            ram.write(layout.bdtAddress(spare), pending, 0, 16);
            reply(requests.get(0), readIface, MemProg.SEQUENCE_LAST, asked.get(0).address(), 64);
            results.add(
                result(
                    MemProg.STATUS_OK,
                    new MemProgParam(0, 0, readIface, MemProg.CMD_READ, 0, new long[6]),
                    0,
                    0,
                    0,
                    0));
            readIface = -1;
            leftover = 3;
          }
        }
      }
      if (leftover >= 0 && results.isEmpty() && ram.read8(param) == MemProg.TOKEN_HOST) {
        // the public target hands the PENDING leftover back once the result was collected
        ram.fence();
        ram.write8(layout.bdtAddress(leftover), MemProg.TOKEN_HOST);
        leftover = -1;
      }
      Thread.onSpinWait();
    }
  }

  private boolean allFree() {
    for (int i = 0; i < layout.bufferCount(); i++) {
      MemProgBdt b = MemProgBdt.read(ram, layout.bdtBase(), i);
      if (b.token() != MemProg.TOKEN_HOST || b.status() != MemProg.BUFFER_FREE) {
        return false;
      }
    }
    return true;
  }

  private void reply(int index, int iface, int sequence, long address, long length) {
    byte[] data = new byte[(int) Math.min(length, layout.bufferSize())];
    Arrays.fill(data, (byte) (address & 0xff));
    ram.write(layout.bufferAddress(index), data, 0, data.length);
    byte[] b =
        new MemProgBdt(MemProg.TOKEN_TARGET, MemProg.BUFFER_FULL, iface, sequence, address, length)
            .encode();
    ram.write(layout.bdtAddress(index) + 1, b, 1, 15);
    ram.fence();
    ram.write8(layout.bdtAddress(index), MemProg.TOKEN_HOST);
  }

  private static byte[] result(
      int status, MemProgParam start, long code, long p1, long p2, long p3) {
    return new MemProgParam(
            MemProg.TOKEN_HOST,
            status,
            start.iface(),
            start.command(),
            code,
            new long[] {p1, p2, p3, 0, 0, 0})
        .encode();
  }

  private MemProgHost connect(HostSettings settings) throws IOException {
    return MemProgHost.connect(TargetFixture.link(ram, layout.paramAddress()), settings);
  }

  @Test
  void aPublicTargetIsTakenWithTheInterfaceCountTheUserGives() throws IOException {
    runFake(layout);
    try (MemProgHost host = connect(QUICK.withInterfaces(3))) {
      assertFalse(host.flashStackTarget());
      assertEquals(3, host.interfaces().size());
      assertEquals(TargetInterface.unknown(2), host.iface(2));
      assertEquals(layout, host.layout());
    }
  }

  @Test
  void aTokenThatNeverComesBackIsATimeoutNamingInterfaceAndCommand() throws IOException {
    behaviour = Behaviour.KEEP_THE_TOKEN;
    runFake(layout);
    try (MemProgHost host = connect(QUICK)) {
      MemProgCommandException e =
          assertThrows(
              MemProgCommandException.class, () -> new MemProgProgrammer(host).eraseAll(0));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "jvm:test: interface 0: MASS_ERASE: the target did not answer the START within"),
          e.getMessage());
    }
  }

  @Test
  void anAnswerLongerThanTheBufferIsRefused() throws IOException {
    behaviour = Behaviour.ANSWER_PAST_THE_BUFFER;
    runFake(layout);
    try (MemProgHost host = connect(QUICK)) {
      MemProgCommandException e =
          assertThrows(
              MemProgCommandException.class, () -> new MemProgProgrammer(host).read(0, 0, 64));
      assertTrue(
          e.getMessage().contains("with Length 164; its buffers hold 64 bytes"), e.getMessage());
    }
  }

  @Test
  void aStatusOutOfTheTableIsRefused() throws IOException {
    behaviour = Behaviour.STATUS_OUT_OF_THE_TABLE;
    runFake(layout);
    try (MemProgHost host = connect(QUICK)) {
      MemProgCommandException e =
          assertThrows(
              MemProgCommandException.class, () -> new MemProgProgrammer(host).eraseAll(0));
      assertTrue(e.getMessage().contains("0x33 (not in the status table)"), e.getMessage());
    }
  }

  @Test
  void anImpossibleLayoutIsRefusedAtConnect() {
    // the BDTs QUERY_CAP reports overlap PARAM
    runFake(layout.paramAddress() + 16, layout.bufferBase(), (4L << 24) | 64);
    IOException e = assertThrows(IOException.class, () -> connect(QUICK));
    assertTrue(e.getMessage().contains("QUERY_CAP reports an impossible layout"), e.getMessage());
    assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
  }

  @Test
  void aPublicTargetsOutOfOrderLastAnswerAndPendingLeftoversAreCopedWith() throws IOException {
    behaviour = Behaviour.PUBLIC_READ;
    // buffer 3 was lent by an earlier host and marked PENDING by AcquireBuffer's missing break; the
    // public target hands it back PENDING after the next result
    byte[] pending =
        new MemProgBdt(MemProg.TOKEN_TARGET, MemProg.BUFFER_PENDING, 0, 0, 0, 0).encode();
    ram.write(layout.bdtAddress(3), pending, 0, 16);
    runFake(layout);
    try (MemProgHost host = connect(QUICK)) {
      byte[] got = new MemProgProgrammer(host).read(0, 0x100, 192);
      byte[] expected = new byte[192];
      Arrays.fill(expected, 0, 64, (byte) 0x00);
      Arrays.fill(expected, 64, 128, (byte) 0x40);
      Arrays.fill(expected, 128, 192, (byte) 0x80);
      assertArrayEquals(expected, got);
      // the PENDING leftover comes back and is freed: all four buffers serve again
      long end = System.nanoTime() + 2_000_000_000L;
      while (!allFree()) {
        host.submit(0, MemProg.CMD_QUERY_CAP, null, null, null);
        assertTrue(System.nanoTime() < end, "the leftover was not freed");
        Thread.onSpinWait();
      }
    }
  }
}
