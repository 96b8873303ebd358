package org.flashstack.hw.media.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;
import org.flashstack.api.fault.DeviceFaults;
import org.flashstack.api.fault.FaultEvent;
import org.flashstack.api.fault.FaultKind;
import org.flashstack.api.fault.FaultListener;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.api.fault.OperationSchedule;
import org.flashstack.api.fault.StuckBit;
import org.flashstack.api.fault.TearStyle;
import org.flashstack.api.fault.WearOutMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One media's fault engine: it decides, operation by operation, what its {@link FaultPlan} does to
 * a program or erase, and does to reads what weak bits and read flips do. Everything random comes
 * from one generator seeded by the plan. Stuck bits and weak bits are state of the cells: the
 * engine keeps them and the cell array asks it to apply them after every change.
 *
 * <p>Programs and erases reach it serialized by the device; reads may come from any thread and take
 * the engine's lock only while something can happen to them.
 */
final class FaultEngine implements DeviceFaults {

  private static final Logger LOG = LoggerFactory.getLogger(FaultEngine.class);

  /** The cells the engine works on. */
  interface Cells {
    long size();

    byte get(int index);

    void set(int index, byte value);

    /** Writes {@code [offset, offset + length)} through to the backing file, if any. */
    void written(int offset, int length);

    /**
     * @return the offset of the sector holding {@code offset}
     */
    long sectorStart(long offset);

    /**
     * @return the size of the sector holding {@code offset}
     */
    long sectorSize(long offset);

    /**
     * @return how often the sector holding {@code offset} was erased
     */
    long eraseCountAt(long offset);

    /**
     * @return the number the next program or erase gets
     */
    long nextOperation();
  }

  /** What the plan does to one program or erase. */
  record Decision(Kind kind, long bytes, IntPredicate bits, String why) {
    enum Kind {
      /** The power goes after {@code bytes} bytes. */
      CUT_ORDERED,
      /** The power goes with only the bits {@code bits} accepts done. */
      CUT_BITWISE,
      /** The operation fails with only the bits {@code bits} accepts done. */
      FAIL
    }
  }

  private final String name;
  private final Cells cells;
  private final CopyOnWriteArrayList<FaultListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);
  private final ArrayDeque<FaultEvent> events = new ArrayDeque<>();

  /** Weak bits per sector start: bit {@code 8 * i + b} is bit b of the sector's byte i. */
  private final TreeMap<Long, BitSet> weak = new TreeMap<>();

  /** Stuck bits by byte offset: a mask of the stuck bits and their values. */
  private final TreeMap<Long, int[]> stuck = new TreeMap<>();

  private volatile FaultPlan plan = FaultPlan.NONE;
  private volatile boolean active;
  private SplittableRandom random = new SplittableRandom(0);

  /** Reads draw from their own generator, so that reads do not change what programs meet. */
  private SplittableRandom readRandom = new SplittableRandom(1);

  FaultEngine(String name, Cells cells) {
    this.name = name;
    this.cells = cells;
  }

  /**
   * @return whether anything can happen: a plan that injects, or weak or stuck bits in the cells
   */
  boolean isActive() {
    return active;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public FaultPlan plan() {
    return plan;
  }

  @Override
  public synchronized void apply(FaultPlan next) {
    Objects.requireNonNull(next, "plan");
    for (StuckBit bit : next.stuckBits()) {
      if (bit.offset() >= cells.size()) {
        throw new IllegalArgumentException(
            String.format(
                "%s: stuck bit %s is past the end of the device (0x0..0x%x)",
                name, bit, cells.size() - 1));
      }
    }
    plan = next;
    random = new SplittableRandom(next.seed());
    readRandom = new SplittableRandom(next.seed() ^ 0x5DEECE66DL);
    stuck.clear();
    for (StuckBit bit : next.stuckBits()) {
      int[] maskAndValue = stuck.computeIfAbsent(bit.offset(), o -> new int[2]);
      maskAndValue[0] |= 1 << bit.bit();
      maskAndValue[1] = (maskAndValue[1] & ~(1 << bit.bit())) | bit.value() << bit.bit();
    }
    for (long offset : stuck.keySet()) {
      applyStuck(offset, 1);
    }
    for (StuckBit bit : next.stuckBits()) {
      record(FaultKind.STUCK_BIT, cells.nextOperation(), bit.offset(), 1, "configured " + bit);
    }
    refreshActive();
    LOG.info("{}: fault plan {}", name, next.describe());
  }

  private void refreshActive() {
    active = !plan.isNone() || !weak.isEmpty() || !stuck.isEmpty();
  }

  @Override
  public synchronized Map<FaultKind, Long> counts() {
    return Map.copyOf(counts);
  }

  @Override
  public synchronized List<FaultEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public synchronized void resetCounts() {
    counts.clear();
    events.clear();
  }

  @Override
  public void addListener(FaultListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  @Override
  public void removeListener(FaultListener listener) {
    listeners.remove(listener);
  }

  private void record(FaultKind kind, long operation, long offset, long length, String detail) {
    FaultEvent event = new FaultEvent(name, kind, operation, offset, length, detail);
    synchronized (this) {
      counts.merge(kind, 1L, Long::sum);
      if (events.size() == EVENTS_KEPT) {
        events.removeFirst();
      }
      events.addLast(event);
    }
    LOG.info("fault injected: {}", event);
    for (FaultListener listener : listeners) {
      try {
        listener.injected(event);
      } catch (RuntimeException e) {
        LOG.warn("{}: a fault listener failed on {}", name, event, e);
      }
    }
  }

  // ---- programs and erases (serialized by the device)

  /** What a program or an erase is, to the plan. */
  private enum Operation {
    PROGRAM(
        "program",
        FaultKind.TORN_PROGRAM,
        FaultKind.PROGRAM_FAILURE,
        WearOutMode.PROGRAM_FAILS,
        "about %.0f%% of its bit changes landed"),
    ERASE(
        "erase",
        FaultKind.TORN_ERASE,
        FaultKind.ERASE_FAILURE,
        WearOutMode.ERASE_FAILS,
        "about %.0f%% of its bits were erased");

    final String word;
    final FaultKind torn;
    final FaultKind failure;
    final WearOutMode wearOut;
    final String failureDetail;

    Operation(
        String word, FaultKind torn, FaultKind failure, WearOutMode wearOut, String failureDetail) {
      this.word = word;
      this.torn = torn;
      this.failure = failure;
      this.wearOut = wearOut;
      this.failureDetail = failureDetail;
    }
  }

  /**
   * @return what the plan does to program {@code operation}, or null for nothing
   */
  synchronized Decision program(long operation, long offset, int length) {
    return decide(Operation.PROGRAM, operation, offset, length);
  }

  /**
   * @return what the plan does to erase {@code operation}, or null for nothing
   */
  synchronized Decision erase(long operation, long offset, long length) {
    return decide(Operation.ERASE, operation, offset, length);
  }

  private Decision decide(Operation kind, long operation, long offset, long length) {
    FaultPlan p = plan;
    if (p.powerCuts().strikes(operation, random)) {
      return cut(p, operation, kind.word, offset, length, kind.torn);
    }
    OperationSchedule failures =
        kind == Operation.PROGRAM ? p.programFailures() : p.eraseFailures();
    if (failures.strikes(operation, random)) {
      double share = random.nextDouble();
      record(
          kind.failure, operation, offset, length, String.format(kind.failureDetail, share * 100));
      return new Decision(Decision.Kind.FAIL, 0, shareOf(share), "the " + kind.word + " failed");
    }
    if (p.endurance() > 0 && p.wearOut() == kind.wearOut) {
      long worn = wornSectorIn(p, offset, length);
      if (worn >= 0) {
        // a worn-out erase still erases most bits; a worn-out program lands any share of them
        double share =
            kind == Operation.ERASE ? 0.5 + random.nextDouble() / 2 : random.nextDouble();
        record(
            FaultKind.WEAR_OUT,
            operation,
            offset,
            length,
            String.format(
                "sector 0x%x erased %d times (endurance %d): the %s fails",
                worn, cells.eraseCountAt(worn), p.endurance(), kind.word));
        return new Decision(
            Decision.Kind.FAIL,
            0,
            shareOf(share),
            "the sector is worn out, the " + kind.word + " failed");
      }
    }
    return null;
  }

  private Decision cut(
      FaultPlan p, long operation, String what, long offset, long length, FaultKind torn) {
    double point = p.cutPoint() == FaultPlan.RANDOM_POINT ? random.nextDouble() : p.cutPoint();
    if (p.tear() == TearStyle.ORDERED) {
      long bytes = (long) Math.floor(point * length);
      record(
          FaultKind.POWER_CUT,
          operation,
          offset,
          length,
          String.format("inside the %s, after %d of %d bytes", what, bytes, length));
      return new Decision(Decision.Kind.CUT_ORDERED, bytes, null, "power cut");
    }
    record(
        FaultKind.POWER_CUT,
        operation,
        offset,
        length,
        String.format("inside the %s, torn bit by bit (about %.0f%% done)", what, point * 100));
    record(
        torn,
        operation,
        offset,
        length,
        torn == FaultKind.TORN_ERASE
            ? "the bits it did not finish read back unstable until erased again"
            : "only some of its 1 to 0 transitions landed");
    return new Decision(Decision.Kind.CUT_BITWISE, 0, shareOf(point), "power cut");
  }

  /** Each bit with probability {@code share}, drawn from the plan's generator. */
  private IntPredicate shareOf(double share) {
    SplittableRandom bits = random.split();
    return bit -> bits.nextDouble() < share;
  }

  private long wornSectorIn(FaultPlan p, long offset, long length) {
    for (long at = cells.sectorStart(offset); at < offset + length; at += cells.sectorSize(at)) {
      if (cells.eraseCountAt(at) >= p.endurance()) {
        return at;
      }
    }
    return -1;
  }

  /**
   * After an erase of {@code [offset, offset + length)}: the bits {@code unfinished} accepts (bit
   * {@code 8 * i + b} of byte {@code offset + i}) did not erase and read back unstable; null when
   * it finished. Worn-out sectors with {@link WearOutMode#BITS_STICK} gain a stuck bit each.
   */
  synchronized void erased(long operation, long offset, long length, IntPredicate unfinished) {
    for (long at = offset; at < offset + length; ) {
      long sector = cells.sectorStart(at);
      long size = cells.sectorSize(at);
      weak.remove(sector);
      at = sector + size;
    }
    if (unfinished != null) {
      for (long i = 0; i < length; i++) {
        for (int b = 0; b < 8; b++) {
          if (unfinished.test((int) (8 * i + b))) {
            long at = offset + i;
            long sector = cells.sectorStart(at);
            weak.computeIfAbsent(sector, s -> new BitSet()).set((int) (8 * (at - sector) + b));
          }
        }
      }
    }
    FaultPlan p = plan;
    if (p.endurance() > 0 && p.wearOut() == WearOutMode.BITS_STICK) {
      for (long at = offset; at < offset + length; ) {
        long sector = cells.sectorStart(at);
        long size = cells.sectorSize(at);
        if (cells.eraseCountAt(sector) > p.endurance()) {
          long where = sector + random.nextLong(size);
          int bit = random.nextInt(8);
          int[] maskAndValue = stuck.computeIfAbsent(where, o -> new int[2]);
          maskAndValue[0] |= 1 << bit;
          maskAndValue[1] &= ~(1 << bit);
          record(
              FaultKind.WEAR_OUT,
              operation,
              sector,
              size,
              String.format(
                  "sector 0x%x erased %d times (endurance %d)",
                  sector, cells.eraseCountAt(sector), p.endurance()));
          record(
              FaultKind.STUCK_BIT,
              operation,
              where,
              1,
              String.format("bit %d of 0x%x stuck at 0 for good (worn out)", bit, where));
        }
        at = sector + size;
      }
    }
    applyStuck(offset, length);
    refreshActive();
  }

  /** After a program: the bits it set to 0 are no longer weak; stuck bits keep their value. */
  synchronized void programmed(long offset, int length) {
    if (!weak.isEmpty()) {
      for (long at = offset; at < offset + length; ) {
        long sector = cells.sectorStart(at);
        long size = cells.sectorSize(at);
        BitSet bits = weak.get(sector);
        if (bits != null) {
          long end = Math.min(offset + length, sector + size);
          for (long i = at; i < end; i++) {
            int value = cells.get((int) i) & 0xff;
            for (int b = 0; b < 8; b++) {
              if ((value & 1 << b) == 0) {
                bits.clear((int) (8 * (i - sector) + b));
              }
            }
          }
          if (bits.isEmpty()) {
            weak.remove(sector);
          }
        }
        at = sector + size;
      }
    }
    applyStuck(offset, length);
    refreshActive();
  }

  /** Forces the stuck bits of {@code [offset, offset + length)} to their values in the cells. */
  private void applyStuck(long offset, long length) {
    for (Map.Entry<Long, int[]> e : stuck.subMap(offset, offset + length).entrySet()) {
      int index = (int) (long) e.getKey();
      int mask = e.getValue()[0];
      int value = e.getValue()[1];
      byte was = cells.get(index);
      byte now = (byte) ((was & ~mask) | value);
      if (now != was) {
        cells.set(index, now);
        cells.written(index, 1);
      }
    }
  }

  // ---- reads (any thread)

  /** What weak bits and read flips do to {@code data[at..at+length)}, read from {@code offset}. */
  synchronized void read(long offset, byte[] data, int at, int length) {
    if (!weak.isEmpty()) {
      long end = offset + length;
      for (Map.Entry<Long, BitSet> e :
          weak.subMap(cells.sectorStart(offset), true, end, false).entrySet()) {
        long sector = e.getKey();
        BitSet bits = e.getValue();
        long from = Math.max(offset, sector);
        for (int bit = bits.nextSetBit((int) (8 * (from - sector)));
            bit >= 0 && sector + bit / 8 < end;
            bit = bits.nextSetBit(bit + 1)) {
          int index = at + (int) (sector + bit / 8 - offset);
          int mask = 1 << (bit % 8);
          data[index] =
              (byte) (readRandom.nextBoolean() ? data[index] | mask : data[index] & ~mask);
        }
      }
    }
    double rate = plan.readFlipRate();
    if (rate > 0 && length > 0 && readRandom.nextDouble() < rate) {
      int index = readRandom.nextInt(length);
      int bit = readRandom.nextInt(8);
      data[at + index] ^= (byte) (1 << bit);
      record(
          FaultKind.READ_FLIP,
          cells.nextOperation(),
          offset,
          length,
          String.format("bit %d of the byte at 0x%x read flipped", bit, offset + index));
    }
  }

  /**
   * @return the weak bits of the sector starting at {@code sector}, for tests and statistics
   */
  synchronized int weakBits(long sector) {
    BitSet bits = weak.get(sector);
    return bits == null ? 0 : bits.cardinality();
  }

  /**
   * @return the offsets of the bytes with stuck bits, for statistics
   */
  synchronized List<Long> stuckBytes() {
    return new ArrayList<>(stuck.keySet());
  }

  @Override
  public String toString() {
    return name
        + " faults: "
        + plan.describe()
        + " "
        + Arrays.toString(counts().entrySet().toArray());
  }
}
