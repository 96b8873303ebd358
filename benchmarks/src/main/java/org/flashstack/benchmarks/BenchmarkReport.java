package org.flashstack.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks and reports the issue's figures as ratios against the baselines measured in
 * the same run: {@code java -cp benchmarks/target/benchmarks.jar
 * org.flashstack.benchmarks.BenchmarkReport}. Exits with status 1 if a target is missed.
 */
public final class BenchmarkReport {
  private BenchmarkReport() {}

  public static void main(String[] args) throws Exception {
    Options options =
        new OptionsBuilder()
            .include(ArrayReadBenchmark.class.getSimpleName())
            .include(CommandModeAccessBenchmark.class.getSimpleName())
            .include(VirtualizedReadBenchmark.class.getSimpleName())
            .include(PartitionReadBenchmark.class.getSimpleName())
            .include(ConcurrentCallersBenchmark.class.getSimpleName())
            .include(SpiBusReadBenchmark.class.getSimpleName())
            .include(SpiStackBenchmark.class.getSimpleName())
            .include(MemProgBenchmark.class.getSimpleName())
            .include(GdbProgramBenchmark.class.getSimpleName())
            .include(NvsBenchmark.class.getSimpleName())
            .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> nanos = new HashMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
      String length = result.getParams().getParam("length");
      nanos.put(length == null ? name : name + "@" + length, result.getPrimaryResult().getScore());
    }
    boolean met = true;
    System.out.println();
    System.out.println("FlashStack benchmark report (average time per operation, same run)");
    for (String length : new String[] {"4096", "65536"}) {
      double plain = nanos.get("plainMappedCopy@" + length);
      double model = nanos.get("arrayModeBulkRead@" + length);
      double ratio = plain / model;
      met &= ratio >= 0.8;
      System.out.printf(
          Locale.ROOT,
          "array-mode bulk read, %6s bytes: model %.0f ns, plain mapped copy %.0f ns, throughput ratio %.2f (target >= 0.80) %s%n",
          length,
          model,
          plain,
          ratio,
          ratio >= 0.8 ? "MET" : "MISSED");
    }
    double raw = nanos.get("rawMediaRead");
    for (String access : new String[] {"statusRead", "queryRead", "commandWrite"}) {
      double cost = nanos.get(access);
      met &= cost < 50;
      System.out.printf(
          Locale.ROOT,
          "command-mode MMIO %-12s %.1f ns (%.1fx a raw media read of %.1f ns; target < 50 ns) %s%n",
          access + ":",
          cost,
          cost / raw,
          raw,
          cost < 50 ? "MET" : "MISSED");
    }
    String[][] pairs = {
      {"statusRead", "amdStatusRead"},
      {"queryRead", "amdQueryRead"},
      {"commandWrite", "amdCommandWrite"}
    };
    for (String[] pair : pairs) {
      double intel = nanos.get(pair[0]);
      double amd = nanos.get(pair[1]);
      // amdCommandWrite is two writes (Reset, then Query entry, so that every write does the same)
      double amdPerAccess = pair[1].equals("amdCommandWrite") ? amd / 2 : amd;
      System.out.printf(
          Locale.ROOT,
          "command-mode MMIO %-16s AMD %.1f ns, Intel %.1f ns: %.2fx the Intel model (reported)%n",
          pair[1] + ":",
          amdPerAccess,
          intel,
          amdPerAccess / intel);
    }
    double direct = nanos.get("driverDirect");
    double virtualized = nanos.get("virtualized");
    double overhead = virtualized / direct;
    met &= overhead <= 1.2;
    System.out.printf(
        Locale.ROOT,
        "4 KiB read through the virtualized Flash %.0f ns, on the driver directly %.0f ns: %.2fx (target <= 1.20x) %s%n",
        virtualized,
        direct,
        overhead,
        overhead <= 1.2 ? "MET" : "MISSED");
    double one = nanos.get("oneCaller");
    double eight = nanos.get("eightCallers");
    System.out.printf(
        Locale.ROOT,
        "4 KiB reads on one device: 8 concurrent callers %.0f ops/s in all, 1 caller %.0f ops/s: %.2fx (reported)%n",
        eight,
        one,
        eight / one);
    double copy = nanos.get("plainCopy");
    for (String read : new String[] {"fastRead", "quadRead"}) {
      double bus = nanos.get(read);
      double ratio = copy / bus;
      met &= ratio >= 0.5;
      System.out.printf(
          Locale.ROOT,
          "64 KiB %-8s through the SPI bus seam %.0f ns, plain copy of the media bytes %.0f ns: throughput ratio %.2f (target >= 0.50) %s%n",
          read,
          bus,
          copy,
          ratio,
          ratio >= 0.5 ? "MET" : "MISSED");
    }
    System.out.printf(
        Locale.ROOT,
        "one short SPI command (RDSR 05h, select to deselect) %.1f ns (reported)%n",
        nanos.get("readStatusRegister"));
    double flashDirect = nanos.get("flashDirect");
    for (String path : new String[] {"partitionRead", "asyncSpiFlashRead"}) {
      double ratio = nanos.get(path) / flashDirect;
      met &= ratio <= 1.1;
      System.out.printf(
          Locale.ROOT,
          "4 KiB read through %s %.0f ns, on the device's Flash directly %.0f ns: %.2fx (target <= 1.10x) %s%n",
          path.equals("partitionRead") ? "a partition" : "the userland AsyncSpiFlash",
          nanos.get(path),
          flashDirect,
          ratio,
          ratio <= 1.1 ? "MET" : "MISSED");
    }
    double stackRead = nanos.get("stackRead");
    double stackCopy = nanos.get("plainStackCopy");
    double stackRatio = stackCopy / stackRead;
    met &= stackRatio >= 0.10;
    System.out.printf(
        Locale.ROOT,
        "64 KiB read through the whole SPI stack %.0f ns, plain copy %.0f ns: throughput ratio %.3f (target >= 0.10) %s%n",
        stackRead,
        stackCopy,
        stackRatio,
        stackRatio >= 0.10 ? "MET" : "MISSED");
    System.out.printf(
        Locale.ROOT,
        "64 KiB read through the whole SPI stack, RX FIFO drained by the CPU (no DMA channel) %.0f ns: throughput ratio %.3f (reported)%n",
        nanos.get("stackReadByCpu"),
        stackCopy / nanos.get("stackReadByCpu"));
    System.out.printf(
        Locale.ROOT,
        "256-byte page program through the whole SPI stack %.0f ns, plain page copy %.0f ns: ratio %.4f (reported)%n",
        nanos.get("stackPageProgram"),
        nanos.get("plainPageCopy"),
        nanos.get("plainPageCopy") / nanos.get("stackPageProgram"));
    SpiBringUpHarness.Figure bringUp = SpiBringUpHarness.run("W25Q256JV", 20);
    System.out.printf(
        Locale.ROOT,
        "SPI NOR bring-up from RDID and SFDP through the whole stack: median %.2f ms, max %.2f ms over %d (reported)%n",
        bringUp.millisMedian(),
        bringUp.millisMax(),
        bringUp.runs());
    DriverSwapHarness.Figure swap = DriverSwapHarness.run(50);
    met &= swap.maxMillis() < 50;
    System.out.printf(
        Locale.ROOT,
        "driver departure to queued work resuming on the next: median %.2f ms, max %.2f ms over %d swaps (target < 50 ms) %s%n",
        swap.medianMillis(),
        swap.maxMillis(),
        swap.swaps(),
        swap.maxMillis() < 50 ? "MET" : "MISSED");
    double imageCopy = nanos.get("plainImageCopy");
    double inJvm = nanos.get("programInJvm");
    double shm = nanos.get("programBetweenProcesses");
    // scores are microseconds per 8 MiB image
    double inJvmRate = MemProgBenchmark.IMAGE / inJvm;
    met &= inJvmRate >= 200;
    System.out.printf(
        Locale.ROOT,
        "MemProgLib: programming 8 MiB in one JVM (erase, PROG_VERIFY, CRC checked, zero-latency flash) %.1f ms = %.0f MB/s, plain copy %.2f ms: throughput ratio %.3f (target >= 200 MB/s) %s%n",
        inJvm / 1000,
        inJvmRate,
        imageCopy / 1000,
        imageCopy / inJvm,
        inJvmRate >= 200 ? "MET" : "MISSED");
    System.out.printf(
        Locale.ROOT,
        "MemProgLib: the same between two processes over a shared-memory file %.1f ms = %.0f MB/s: throughput ratio %.3f (reported)%n",
        shm / 1000,
        MemProgBenchmark.IMAGE / shm,
        imageCopy / shm);
    double overGdb = nanos.get("programOverGdb");
    double onRam = nanos.get("programOnRamDirectly");
    double rawSocket = nanos.get("rawLoopbackCopy");
    // issue 13 asked for >= 0.50 of a raw copy; MemProgLib with no transport at all is below that,
    // so the transport is measured against the same programming without it (docs/architecture.md)
    System.out.printf(
        Locale.ROOT,
        "MemProgLib: programming 8 MiB over GDB RSP on loopback %.1f ms = %.0f MB/s, the same on the RAM directly %.1f ms = %.0f MB/s: throughput ratio %.2f (reported: what RSP costs)%n",
        overGdb / 1000,
        MemProgBenchmark.IMAGE / overGdb,
        onRam / 1000,
        MemProgBenchmark.IMAGE / onRam,
        onRam / overGdb);
    System.out.printf(
        Locale.ROOT,
        "MemProgLib: over GDB RSP against a raw loopback socket copy %.2f ms: throughput ratio %.3f (issue 13's >= 0.50 cannot be met: MemProgLib with no transport is at %.3f; premise changed, see docs/architecture.md)%n",
        rawSocket / 1000,
        rawSocket / overGdb,
        rawSocket / onRam);
    for (String[] pair : new String[][] {{"nvsSet", "mapPut"}, {"nvsGet", "mapGet"}}) {
      double nvs = nanos.get(pair[0]);
      double map = nanos.get(pair[1]);
      System.out.printf(
          Locale.ROOT,
          "NVS store, 1,000 u32 keys: %s %.0f ns = %.0f ops/s, HashMap %s %.0f ns: %.1fx (reported)%n",
          pair[0].substring(3).toLowerCase(Locale.ROOT),
          nvs,
          1e9 / nvs,
          pair[1].substring(3).toLowerCase(Locale.ROOT),
          map,
          nvs / map);
    }
    for (String[] workload :
        new String[][] {{"u32", "4", "1000"}, {"string", "32", "1000"}, {"blob", "1024", "100"}}) {
      NvsBenchmark.Amplification a =
          NvsBenchmark.amplification(
              workload[0], Integer.parseInt(workload[1]), Integer.parseInt(workload[2]), 20_000);
      System.out.printf(
          Locale.ROOT,
          "NVS write amplification, %s of %s bytes, 20,000 updates of %s keys on 64 pages: %.2f bytes programmed per value byte, %.0f writes per page erase (ESP-IDF documents a page erase per 126 entries written, where rewriting a sector in place erases once per write) (reported)%n",
          workload[0],
          workload[1],
          workload[2],
          a.bytesPerValueByte(),
          a.writesPerErase());
    }
    VendorSwapHarness.Figure vendor = VendorSwapHarness.run(50);
    met &= vendor.maxMillis() < 50;
    VendorSwapHarness.print(vendor);
    if (!met) {
      System.exit(1);
    }
  }
}
