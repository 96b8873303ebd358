package org.flashstack.memprog.target;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.flashstack.api.memprog.MemProgHandler;
import org.flashstack.memprog.protocol.MemProg;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.target.handlers.StandardHandlers;
import org.flashstack.memprog.transport.jvm.SimulatedRam;

/**
 * MemProgLib's shared RAM written by a hostile host: any bytes anywhere in PARAM, the BDTs and the
 * buffers, between the target's passes. No exception escapes the target's loop, and the target
 * writes nothing outside its layout (the guard bytes around it keep their pattern).
 */
class HostileHostFuzzTest {

  private static final long BASE = 0x2000_0000L;
  private static final int GUARD = 64;
  private static final java.util.Map<Integer, MemProgHandler> HANDLERS = StandardHandlers.all();

  @FuzzTest(maxDuration = "10s")
  void sharedRamFromAHostileHost(FuzzedDataProvider data) throws Exception {
    MemProgLayout layout = MemProgLayout.packed(BASE + GUARD, 3, 256);
    int size = (int) (layout.end() - BASE) + GUARD;
    SimulatedRam ram = new SimulatedRam("jvm:fuzz", BASE, size);
    byte[] pattern = new byte[size];
    Arrays.fill(pattern, (byte) 0xa5);
    ram.write(BASE, pattern, 0, size);
    byte[] zeros = new byte[(int) (layout.end() - layout.start())];
    ram.write(layout.start(), zeros, 0, zeros.length);
    ArrayRegion region = new ArrayRegion("array:fuzz", 64 << 10, 4096, false);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ExecutorService handlerThreads = Executors.newCachedThreadPool();
    MemProgTargetEngine engine =
        new MemProgTargetEngine(
            "fuzz",
            ram,
            layout,
            2,
            iface -> region,
            HANDLERS::get,
            TargetSettings.DEFAULTS.withTimeouts(Duration.ofMillis(20), Duration.ofMillis(20)),
            scheduler,
            handlerThreads);
    try {
      for (int step = 0; step < 60 && data.remainingBytes() > 0; step++) {
        switch (data.consumeInt(0, 3)) {
          case 0 -> {
            // a token passed with arbitrary fields: PARAM or a BDT
            long at =
                data.consumeBoolean()
                    ? layout.paramAddress()
                    : layout.bdtAddress(data.consumeInt(0, layout.bufferCount() - 1));
            byte[] fields = data.consumeBytes(31);
            ram.write(at + 1, fields, 0, fields.length);
            ram.write8(at, MemProg.TOKEN_TARGET);
          }
          case 1 -> {
            long at = data.consumeLong(layout.start(), layout.end() - 1);
            byte[] bytes = data.consumeBytes((int) Math.min(64, layout.end() - at));
            ram.write(at, bytes, 0, bytes.length);
          }
          default -> {
            for (int n = data.consumeInt(1, 8); n > 0; n--) {
              engine.pass();
            }
          }
        }
      }
      engine.pass();
    } finally {
      engine.close();
      handlerThreads.shutdownNow();
      scheduler.shutdownNow();
    }
    byte[] after = new byte[size];
    ram.read(BASE, after, 0, size);
    int low = (int) (layout.start() - BASE);
    int high = (int) (layout.end() - BASE);
    if (!Arrays.equals(after, 0, low, pattern, 0, low)
        || !Arrays.equals(after, high, size, pattern, high, size)) {
      throw new IllegalStateException("the target wrote outside its layout");
    }
  }
}
