package org.flashstack.memprog.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.flashstack.memprog.protocol.MemProg;
import org.flashstack.memprog.protocol.MemProgBdt;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.protocol.MemProgParam;
import org.flashstack.memprog.protocol.TargetCode;
import org.flashstack.memprog.target.handlers.StandardHandlers;
import org.flashstack.memprog.transport.jvm.SimulatedRam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host that breaks the rules, written by hand against the target's RAM: every misstep gets an
 * error status (or its buffer straight back), nothing outside the target's own structures and the
 * interface's region changes, and the target goes on serving.
 */
class HostileHostTest {

  static final long BASE = 0x2000_0000L;
  static final int GUARD = 0x100;
  static final byte FILL = (byte) 0xa5;

  SimulatedRam ram;
  MemProgLayout layout;
  ArrayRegion region;
  byte[] regionBefore;
  ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  ExecutorService handlers = Executors.newCachedThreadPool();
  MemProgTargetEngine engine;

  @BeforeEach
  void start() {
    ram = new SimulatedRam("jvm:hostile", BASE, 64 << 10);
    byte[] fill = new byte[64 << 10];
    Arrays.fill(fill, FILL);
    ram.write(BASE, fill, 0, fill.length);
    layout = MemProgLayout.packed(BASE + GUARD, 4, 256);
    region = new ArrayRegion("partition:a", 16 << 10, 4096, false);
    regionBefore = region.cells().clone();
    engine =
        new MemProgTargetEngine(
            "hostile",
            ram,
            layout,
            1,
            i -> region,
            StandardHandlers.all()::get,
            TargetSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)),
            loop,
            handlers);
    engine.start();
  }

  @AfterEach
  void stop() {
    engine.close();
    loop.shutdownNow();
    handlers.shutdownNow();
    // nothing outside PARAM, the BDTs and the buffers was ever written
    byte[] all = new byte[64 << 10];
    ram.read(BASE, all, 0, all.length);
    for (int i = 0; i < all.length; i++) {
      long address = BASE + i;
      boolean inside = address >= layout.start() && address < layout.end();
      if (!inside) {
        assertEquals(FILL, all[i], String.format("the target wrote 0x%08x", address));
      }
    }
  }

  // ---- a hand-driven host

  private void waitFor(java.util.function.BooleanSupplier condition, String what) {
    long end = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
    }
  }

  private MemProgParam param() {
    return MemProgParam.read(ram, layout.paramAddress());
  }

  /** Sends START and returns the PARAM as the target passes it back (ACK or a refusal). */
  private MemProgParam start(int iface, int command, long... p) {
    waitFor(() -> ram.read8(layout.paramAddress()) == MemProg.TOKEN_HOST, "PARAM's token");
    long[] six = Arrays.copyOf(p, 6);
    byte[] bytes =
        new MemProgParam(MemProg.TOKEN_HOST, MemProg.STATUS_START, iface, command, 0, six).encode();
    ram.write(layout.paramAddress() + 1, bytes, 1, MemProgParam.SIZE - 1);
    ram.fence();
    ram.write8(layout.paramAddress(), MemProg.TOKEN_TARGET);
    waitFor(() -> ram.read8(layout.paramAddress()) == MemProg.TOKEN_HOST, "the answer to START");
    MemProgParam answer = param();
    if (answer.status() == MemProg.STATUS_ACK) {
      ram.write8(layout.paramAddress() + MemProgParam.STATUS, MemProg.STATUS_IDLE);
      ram.fence();
      ram.write8(layout.paramAddress(), MemProg.TOKEN_TARGET);
    } else {
      ram.write8(layout.paramAddress() + MemProgParam.STATUS, MemProg.STATUS_IDLE);
    }
    return answer;
  }

  /** Passes PARAM's token with IDLE until a result comes back. */
  private MemProgParam result() {
    long end = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < end) {
      waitFor(() -> ram.read8(layout.paramAddress()) == MemProg.TOKEN_HOST, "PARAM's token");
      MemProgParam p = param();
      if (MemProg.isResult(p.status())) {
        ram.write8(layout.paramAddress() + MemProgParam.STATUS, MemProg.STATUS_IDLE);
        return p;
      }
      ram.fence();
      ram.write8(layout.paramAddress(), MemProg.TOKEN_TARGET);
    }
    throw new AssertionError("no result");
  }

  private void send(int index, int iface, int sequence, long address, long length, byte[] data) {
    if (data != null) {
      ram.write(layout.bufferAddress(index), data, 0, data.length);
    }
    byte[] bdt =
        new MemProgBdt(MemProg.TOKEN_HOST, MemProg.BUFFER_FULL, iface, sequence, address, length)
            .encode();
    ram.write(layout.bdtAddress(index) + 1, bdt, 1, MemProgBdt.SIZE - 1);
    ram.fence();
    ram.write8(layout.bdtAddress(index), MemProg.TOKEN_TARGET);
  }

  private MemProgBdt bdt(int index) {
    return MemProgBdt.read(ram, layout.bdtBase(), index);
  }

  private void awaitBack(int index) {
    waitFor(
        () -> ram.read8(layout.bdtAddress(index)) == MemProg.TOKEN_HOST,
        "buffer " + index + " back");
  }

  // ---- the missteps

  @Test
  void aCommandForAnInterfaceThatDoesNotExistIsRefusedWithErrParam() {
    MemProgParam answer = start(7, MemProg.CMD_MASS_ERASE);
    assertEquals(MemProg.STATUS_ERR_PARAM, answer.status());
    assertEquals(TargetCode.NO_INTERFACE.value(), answer.code());
    assertArrayEquals(regionBefore, region.cells());
    // the target goes on
    assertEquals(MemProg.STATUS_ACK, start(0, MemProg.CMD_QUERY_CAP).status());
    assertEquals(MemProg.STATUS_OK, result().status());
  }

  @Test
  void aStartOnABusyInterfaceIsRefusedAndTheRunningCommandGoesOn() {
    assertEquals(MemProg.STATUS_ACK, start(0, MemProg.CMD_PROG_VERIFY).status());
    MemProgParam again = start(0, MemProg.CMD_MASS_ERASE);
    assertEquals(MemProg.STATUS_ERR_PARAM, again.status());
    assertEquals(TargetCode.INTERFACE_BUSY.value(), again.code());
    byte[] data = new byte[16];
    send(0, 0, MemProg.SEQUENCE_LAST, 0x100, 16, data);
    MemProgParam done = result();
    assertEquals(MemProg.STATUS_OK, done.status());
    assertEquals(0, region.cells()[0x100]);
    assertEquals((byte) 0xff, region.cells()[0], "MASS_ERASE did not run");
  }

  @Test
  void aLengthPastTheBufferEndsTheCommandWithErrParamAndWritesNothing() {
    start(0, MemProg.CMD_PROG_VERIFY);
    send(0, 0, MemProg.SEQUENCE_LAST, 0, 257, new byte[256]);
    MemProgParam r = result();
    assertEquals(MemProg.STATUS_ERR_PARAM, r.status());
    assertEquals(TargetCode.BAD_LENGTH.value(), r.code());
    awaitBack(0);
    assertEquals(MemProg.BUFFER_FREE, bdt(0).status());
    assertArrayEquals(regionBefore, region.cells());
  }

  @Test
  void anAddressPastTheInterfaceEndsTheCommandAndWritesNothing() {
    start(0, MemProg.CMD_PROG_VERIFY);
    send(0, 0, MemProg.SEQUENCE_LAST, (16 << 10) - 8, 16, new byte[16]);
    MemProgParam r = result();
    assertEquals(MemProg.STATUS_ERR_PARAM, r.status());
    assertEquals(TargetCode.OUT_OF_RANGE.value(), r.code());
    assertArrayEquals(regionBefore, region.cells());
  }

  @Test
  void aRepeatedSequenceNumberEndsTheCommandWithErrParam() {
    start(0, MemProg.CMD_PROG_VERIFY);
    send(0, 0, 0, 0, 16, new byte[16]);
    awaitBack(0);
    send(1, 0, 0, 16, 16, new byte[16]);
    MemProgParam r = result();
    assertEquals(MemProg.STATUS_ERR_PARAM, r.status());
    assertEquals(TargetCode.SEQUENCE.value(), r.code());
    for (int i = 16; i < 32; i++) {
      assertEquals((byte) 0xff, region.cells()[i], "the repeated buffer was not programmed");
    }
  }

  @Test
  void buffersArriveOutOfOrderAndAreProgrammedInSequenceOrder() {
    start(0, MemProg.CMD_PROG_VERIFY);
    byte[] zero = new byte[16];
    byte[] one = new byte[16];
    Arrays.fill(one, (byte) 1);
    byte[] two = new byte[16];
    Arrays.fill(two, (byte) 2);
    send(1, 0, 1, 16, 16, one); // the second buffer shows up first
    send(0, 0, 0, 0, 16, zero);
    awaitBack(0);
    awaitBack(1);
    send(2, 0, MemProg.SEQUENCE_LAST, 32, 16, two);
    MemProgParam r = result();
    assertEquals(MemProg.STATUS_OK, r.status());
    // P1 is the CRC of what was read back, in the order it was programmed: sequence order
    byte[] inOrder = new byte[48];
    System.arraycopy(one, 0, inOrder, 16, 16);
    System.arraycopy(two, 0, inOrder, 32, 16);
    assertEquals(org.flashstack.memprog.protocol.MemProgCrc.of(inOrder), r.parameter(1));
    assertArrayEquals(inOrder, Arrays.copyOf(region.cells(), 48));
  }

  @Test
  void aBufferForAnInterfaceWithoutACommandComesStraightBackFree() {
    send(2, 0, 0, 0, 16, new byte[16]);
    awaitBack(2);
    assertEquals(MemProg.BUFFER_FREE, bdt(2).status());
    send(3, 9, 0, 0, 16, new byte[16]);
    awaitBack(3);
    assertArrayEquals(regionBefore, region.cells());
  }

  @Test
  void aBufferPassedPendingOrWithAnUnknownStatusComesBackFree() {
    byte[] bdt = new MemProgBdt(MemProg.TOKEN_HOST, 0x37, 0, 0, 0, 16).encode();
    ram.write(layout.bdtAddress(1) + 1, bdt, 1, 15);
    ram.fence();
    ram.write8(layout.bdtAddress(1), MemProg.TOKEN_TARGET);
    awaitBack(1);
    assertEquals(MemProg.BUFFER_FREE, bdt(1).status());
  }

  @Test
  void aHostThatNeverSendsItsBuffersGetsErrTimeoutAndTheInterfaceIsFreeAgain() {
    start(0, MemProg.CMD_PROG_VERIFY);
    MemProgParam r = result();
    assertEquals(MemProg.STATUS_ERR_TIMEOUT, r.status());
    assertEquals(TargetCode.NO_BUFFER.value(), r.code());
    assertEquals(MemProg.STATUS_ACK, start(0, MemProg.CMD_QUERY_CAP).status());
    assertEquals(MemProg.STATUS_OK, result().status());
  }

  @Test
  void aPassOfParamWithAStatusOutOfTurnIsTakenAsIdle() {
    waitFor(() -> ram.read8(layout.paramAddress()) == MemProg.TOKEN_HOST, "PARAM's token");
    ram.write8(layout.paramAddress() + MemProgParam.STATUS, MemProg.STATUS_ACK);
    ram.fence();
    ram.write8(layout.paramAddress(), MemProg.TOKEN_TARGET);
    waitFor(() -> ram.read8(layout.paramAddress()) == MemProg.TOKEN_HOST, "PARAM back");
    assertEquals(MemProg.STATUS_IDLE, param().status());
  }

  @Test
  void aHandlerThatNeverFinishesIsEndedWithErrTimeoutAndItsBuffersComeBack() throws Exception {
    engine.close();
    loop.shutdownNow();
    loop = Executors.newSingleThreadScheduledExecutor();
    java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
    engine =
        new MemProgTargetEngine(
            "hostile",
            ram,
            layout,
            1,
            i -> region,
            code ->
                code == 0x90
                    ? call -> {
                      call.next(); // holds the buffer, then hangs
                      stuck.countDown();
                      Thread.sleep(60_000);
                      return null;
                    }
                    : null,
            TargetSettings.DEFAULTS.withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5)),
            loop,
            handlers);
    engine.start();
    start(0, 0x90);
    send(0, 0, MemProg.SEQUENCE_LAST, 0, 16, new byte[16]);
    assertTrue(stuck.await(5, java.util.concurrent.TimeUnit.SECONDS));
    MemProgParam r = result();
    assertEquals(MemProg.STATUS_ERR_TIMEOUT, r.status());
    assertEquals(TargetCode.HANDLER_TIMEOUT.value(), r.code());
    awaitBack(0);
    assertEquals(MemProg.BUFFER_FREE, bdt(0).status());
  }

  @Test
  void queryCapReportsTheLayout() {
    start(0, MemProg.CMD_QUERY_CAP);
    MemProgParam r = result();
    assertEquals(MemProg.VERSION, r.code());
    assertEquals(layout.bdtBase(), r.parameter(1));
    assertEquals(layout.bufferBase(), r.parameter(2));
    assertEquals((4L << 24) | 256, r.parameter(3));
    assertEquals(List.of(), List.of());
  }
}
