package org.flashstack.driver.spi.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flashstack.api.spi.SpiDevice;
import org.flashstack.api.spi.SpiException;
import org.flashstack.api.spi.SpiMaster;
import org.flashstack.api.spi.SpiSegment;
import org.flashstack.api.spi.SpiSettings;
import org.junit.jupiter.api.Test;

/** Transactions of several chip selects on one controller: never interleaved, none lost. */
class SpiMuxTest {

  /** A controller that records each transaction and fails if two overlap. */
  static final class RecordingMaster implements SpiMaster {
    final AtomicInteger inside = new AtomicInteger();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    volatile boolean overlapped;

    @Override
    public String bus() {
      return "spi0";
    }

    @Override
    public int chipSelects() {
      return 4;
    }

    @Override
    public void transfer(int chipSelect, SpiSettings settings, List<SpiSegment> segments) {
      if (inside.incrementAndGet() != 1) {
        overlapped = true;
      }
      try {
        Thread.onSpinWait();
        log.add(chipSelect + ":" + settings.clockHertz() + ":" + segments.get(0).data()[0]);
      } finally {
        inside.decrementAndGet();
      }
    }
  }

  @Test
  void devicesKeepTheirSettingsAndNeverInterleave() throws Exception {
    RecordingMaster master = new RecordingMaster();
    SpiMux mux = new SpiMux(master, 5000);
    List<SpiDevice> devices = new ArrayList<>();
    for (int cs = 0; cs < 4; cs++) {
      devices.add(mux.device("flash" + cs, cs, SpiSettings.of(1_000_000L * (cs + 1))));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int thread = 0; thread < 8; thread++) {
      SpiDevice device = devices.get(thread % 4);
      int id = thread;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 500; i++) {
                  device.transfer(List.of(SpiSegment.transmit((byte) id)));
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertTrue(!master.overlapped, "two transactions were on the controller at once");
    assertEquals(4000, master.log.size(), "every transaction ran, none dropped or merged");
    assertEquals(4000, mux.transactions());
    for (String entry : master.log) {
      String[] parts = entry.split(":");
      int cs = Integer.parseInt(parts[0]);
      assertEquals(1_000_000L * (cs + 1), Long.parseLong(parts[1]), "each device's own clock");
      assertEquals(cs, Integer.parseInt(parts[2]) % 4, "on its own chip select");
    }
  }

  @Test
  void waitingTransactionsAreServedInArrivalOrder() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    SpiMaster master =
        new SpiMaster() {
          @Override
          public String bus() {
            return "spi0";
          }

          @Override
          public int chipSelects() {
            return 2;
          }

          @Override
          public void transfer(int chipSelect, SpiSettings settings, List<SpiSegment> segments) {
            int id = segments.get(0).data()[0];
            if (id == 0) {
              holding.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            order.add(id);
          }
        };
    SpiMux mux = new SpiMux(master, 5000);
    SpiDevice a = mux.device("a", 0, SpiSettings.of(1_000_000));
    SpiDevice b = mux.device("b", 1, SpiSettings.of(1_000_000));
    ExecutorService pool = Executors.newCachedThreadPool();
    List<Future<?>> futures = new ArrayList<>();
    futures.add(pool.submit(() -> send(a, 0)));
    holding.await();
    for (int id = 1; id <= 6; id++) {
      SpiDevice device = id % 2 == 0 ? a : b;
      int which = id;
      futures.add(pool.submit(() -> send(device, which)));
      long deadline = System.currentTimeMillis() + 5000;
      while (queued(mux) < id && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }
    }
    release.countDown();
    for (Future<?> future : futures) {
      future.get(10, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), order, "first come, first served");
  }

  private static int queued(SpiMux mux) {
    return mux.waiting();
  }

  private static Void send(SpiDevice device, int id) throws SpiException {
    device.transfer(List.of(SpiSegment.transmit((byte) id)));
    return null;
  }

  @Test
  void aChipSelectTheControllerLacksIsRefused() {
    SpiMux mux = new SpiMux(new RecordingMaster(), 100);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> mux.device("x", 4, SpiSettings.of(1)));
    assertTrue(e.getMessage().contains("chip select 4 does not exist on spi0 (it has 4)"));
  }
}
