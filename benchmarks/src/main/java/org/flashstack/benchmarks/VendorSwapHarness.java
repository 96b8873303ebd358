package org.flashstack.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.NorMedia;
import org.flashstack.partitions.Partition;
import org.flashstack.partitions.PartitionSpec;
import org.flashstack.vendor.emflash.driver.EmflashFlashDriver;
import org.flashstack.vendor.emflash.hw.EmflashController;
import org.flashstack.vendor.emflash.registers.EmflashRegisters;
import org.flashstack.virtualizer.StandaloneVirtualizer;

/**
 * Issue 11's figures, on the emflash vendor controller with three users reading and writing its
 * partitions: the time from a new driver's registration (a better ranked instance, as a new bundle
 * version registers) to the partitions' operations running on it (target: under 50 ms), and the
 * partitions' throughput while the driver is swapped every 20 ms against steady state, same run.
 */
public final class VendorSwapHarness {
  private VendorSwapHarness() {}

  /** The figures. */
  record Figure(
      double medianMillis, double maxMillis, int swaps, double steadyOps, double swappingOps) {}

  public static void main(String[] args) throws Exception {
    Figure figure = run(args.length > 0 ? Integer.parseInt(args[0]) : 50);
    print(figure);
  }

  static void print(Figure figure) {
    System.out.printf(
        Locale.ROOT,
        "vendor driver registered to partitions serving from it: median %.2f ms, max %.2f ms over %d swaps (target < 50 ms) %s%n",
        figure.medianMillis(),
        figure.maxMillis(),
        figure.swaps(),
        figure.maxMillis() < 50 ? "MET" : "MISSED");
    System.out.printf(
        Locale.ROOT,
        "partition throughput while the vendor driver is swapped every 20 ms: %.0f ops/s, steady %.0f ops/s: %.2fx (reported)%n",
        figure.swappingOps(),
        figure.steadyOps(),
        figure.swappingOps() / figure.steadyOps());
  }

  /** A driver that notes when its devices first run an operation. */
  private static final class Noting implements FlashDriver {
    private final FlashDriver delegate;
    final AtomicLong firstOperation = new AtomicLong();

    Noting(FlashDriver delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public boolean supports(FlashHardware hardware) {
      return delegate.supports(hardware);
    }

    @Override
    public FlashDevice attach(FlashHardware hardware) throws FlashException {
      FlashDevice device = delegate.attach(hardware);
      return new FlashDevice() {
        private void noted() {
          firstOperation.compareAndSet(0, System.nanoTime());
        }

        @Override
        public String name() {
          return device.name();
        }

        @Override
        public org.flashstack.api.flash.FlashIdentity identity() {
          return device.identity();
        }

        @Override
        public org.flashstack.api.flash.FlashGeometry geometry() {
          return device.geometry();
        }

        @Override
        public void read(long address, byte[] destination, int offset, int length)
            throws FlashException {
          noted();
          device.read(address, destination, offset, length);
        }

        @Override
        public void program(long address, byte[] source, int offset, int length)
            throws FlashException {
          noted();
          device.program(address, source, offset, length);
        }

        @Override
        public void erase(long address, long length) throws FlashException {
          noted();
          device.erase(address, length);
        }

        @Override
        public void close() {
          device.close();
        }
      };
    }
  }

  static Figure run(int swaps) throws Exception {
    VirtualClock clock = new VirtualClock();
    EmflashController controller =
        new EmflashController(
            "eflash0",
            NorMedia.open(MediaSpec.ram("eflash0", EmflashRegisters.sectors(1024))),
            clock,
            EmflashRegisters.OPTCR_RESET);
    List<Double> millis = new ArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong operations = new AtomicLong();
    ExecutorService users = Executors.newFixedThreadPool(3);
    try (StandaloneVirtualizer virtualizer = new StandaloneVirtualizer(10_000)) {
      FlashDriver current = new EmflashFlashDriver("emflash", clock, 1_000);
      virtualizer.addDriver(current, 0);
      virtualizer.addHardware(
          new ClaimableMmioDevice(controller, controller::powerUpReset),
          Map.of(
              DeviceProperties.NAME,
              "eflash0",
              DeviceProperties.COMPATIBLE,
              EmflashFlashDriver.COMPATIBLE));
      Flash flash = virtualizer.flash("eflash0").orElseThrow();
      List<Future<?>> work = new ArrayList<>();
      for (int u = 0; u < 3; u++) {
        Partition partition =
            Partition.open(
                new PartitionSpec(
                    "p" + u, "eflash0", (5L + u) << 17, 1 << 17, false, 0x80000100L + u),
                flash);
        work.add(
            users.submit(
                () -> {
                  byte[] record = new byte[64];
                  byte[] back = new byte[64];
                  int at = 0;
                  while (running.get()) {
                    if (at == 0) {
                      partition.erase(0, 1 << 17);
                    }
                    partition.write(at, record, 0, record.length);
                    partition.read(at, back, 0, back.length);
                    at = (at + 64) % (1 << 17);
                    operations.addAndGet(2);
                  }
                  return null;
                }));
      }
      // warm up (the JIT), then measure steady state as long as the swaps will take
      Thread.sleep(1500);
      long before = operations.get();
      long started = System.nanoTime();
      Thread.sleep(1500);
      double steady = (operations.get() - before) / ((System.nanoTime() - started) / 1e9);
      before = operations.get();
      started = System.nanoTime();
      for (int swap = 0; swap < swaps + 5; swap++) {
        Noting next = new Noting(new EmflashFlashDriver("emflash", clock, 1_000));
        long registered = System.nanoTime();
        virtualizer.addDriver(next, swap + 1);
        long deadline = registered + TimeUnit.SECONDS.toNanos(10);
        while (next.firstOperation.get() == 0 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        if (swap >= 5) {
          millis.add((next.firstOperation.get() - registered) / 1e6);
        }
        virtualizer.removeDriver(current);
        current = next;
        Thread.sleep(20);
      }
      double swapping = (operations.get() - before) / ((System.nanoTime() - started) / 1e9);
      running.set(false);
      for (Future<?> future : work) {
        future.get(30, TimeUnit.SECONDS);
      }
      Collections.sort(millis);
      return new Figure(
          millis.get(millis.size() / 2),
          millis.get(millis.size() - 1),
          millis.size(),
          steady,
          swapping);
    } finally {
      running.set(false);
      users.shutdownNow();
    }
  }
}
