package org.flashstack.benchmarks;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flashstack.kv.nvs.NvsException;
import org.flashstack.kv.nvs.NvsFlash;
import org.flashstack.kv.nvs.NvsStore;
import org.flashstack.kv.nvs.NvsType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The NVS store with 1,000 keys (u32 values in one namespace, on a 64-page partition in RAM with
 * NOR rules): a set of a changed value (written, the old one erased, pages reclaimed as they fill)
 * and a get, against a {@link HashMap} put and get of the same keys in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NvsBenchmark {

  static final int KEYS = 1000;
  static final int PAGES = 64;

  /** NOR flash in RAM: programs clear bits, erases set a page to 0xFF. */
  static final class RamFlash implements NvsFlash {
    final byte[] cells;
    long bytesProgrammed;
    long pageErases;

    RamFlash(int pages) {
      cells = new byte[pages * 4096];
      Arrays.fill(cells, (byte) 0xff);
    }

    @Override
    public int pageCount() {
      return cells.length / 4096;
    }

    @Override
    public void read(long offset, byte[] destination, int from, int length) {
      System.arraycopy(cells, (int) offset, destination, from, length);
    }

    @Override
    public void program(long offset, byte[] source, int from, int length) {
      for (int i = 0; i < length; i++) {
        cells[(int) offset + i] &= source[from + i];
      }
      bytesProgrammed += length;
    }

    @Override
    public void erasePage(int page) {
      Arrays.fill(cells, page * 4096, (page + 1) * 4096, (byte) 0xff);
      pageErases++;
    }
  }

  private NvsStore store;
  private String[] keys;
  private final Map<String, Long> map = new HashMap<>();
  private int next;
  private long value;

  @Setup(Level.Trial)
  public void setUp() throws IOException, NvsException {
    store = NvsStore.open(new RamFlash(PAGES));
    keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "key" + i;
      store.setInteger("bench", keys[i], NvsType.U32, i);
      map.put(keys[i], (long) i);
    }
  }

  /** A set of a changed u32. */
  @Benchmark
  public void nvsSet() throws IOException, NvsException {
    store.setInteger("bench", keys[next++ % KEYS], NvsType.U32, ++value & 0xffffffffL);
  }

  /** A get of a u32. */
  @Benchmark
  public long nvsGet() throws IOException, NvsException {
    return store.get("bench", keys[next++ % KEYS]).integer();
  }

  /** Baseline: a HashMap put. */
  @Benchmark
  public Long mapPut() {
    return map.put(keys[next++ % KEYS], ++value);
  }

  /** Baseline: a HashMap get. */
  @Benchmark
  public Long mapGet() {
    return map.get(keys[next++ % KEYS]);
  }

  /** Write amplification and erases of a workload, counted on the flash, not timed. */
  record Amplification(
      String workload, long valueBytes, long bytesProgrammed, long pageErases, long writes) {
    double bytesPerValueByte() {
      return (double) bytesProgrammed / valueBytes;
    }

    double writesPerErase() {
      return pageErases == 0 ? Double.POSITIVE_INFINITY : (double) writes / pageErases;
    }
  }

  /** Updates of {@code keys} keys after they were written once: what each costs the flash. */
  static Amplification amplification(String workload, int valueBytes, int keys, int writes)
      throws IOException, NvsException {
    RamFlash flash = new RamFlash(PAGES);
    NvsStore store = NvsStore.open(flash);
    byte[] blob = new byte[valueBytes];
    for (int i = 0; i < keys; i++) {
      write(store, workload, "key" + i, blob, i);
    }
    long programmed = flash.bytesProgrammed;
    long erases = flash.pageErases;
    for (int i = 0; i < writes; i++) {
      blob[i % blob.length] ^= (byte) (1 + i);
      write(store, workload, "key" + (i % keys), blob, keys + i);
    }
    return new Amplification(
        workload,
        (long) writes * valueBytes,
        flash.bytesProgrammed - programmed,
        flash.pageErases - erases,
        writes);
  }

  private static void write(NvsStore store, String workload, String key, byte[] blob, long i)
      throws IOException, NvsException {
    switch (workload) {
      case "u32" -> store.setInteger("bench", key, NvsType.U32, i & 0xffffffffL);
      case "string" ->
          store.setString(
              "bench", key, ("v" + i + "-").repeat(blob.length).substring(0, blob.length - 1));
      default -> store.setBlob("bench", key, blob);
    }
  }
}
