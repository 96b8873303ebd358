package org.flashstack.flashlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import org.flashstack.api.log.LogRecord;
import org.flashstack.api.log.LogStatistics;

/**
 * An append-only record log on flash, circular over its erase units, power-loss safe.
 *
 * <p>Layout (little endian). Each unit starts with a 16-byte header: magic {@code "FLOG"}, the
 * unit's sequence number (u32, one more for each unit opened), 4 bytes 0xFF, and the CRC32 of bytes
 * 0..11. Records follow, each a 28-byte header (sync word {@code "CRLF"} read as u32, payload
 * length u32, record sequence number u64, timestamp u64 in milliseconds, CRC32 of the 24 bytes
 * before it and of the payload) and the payload, padded with 0xFF to 4 bytes. After the last record
 * the unit is erased (0xFF).
 *
 * <p>Appending programs one record with one flash program; when the unit is full the next unit in
 * the ring is erased (dropping the oldest records) and opened with a new header. Opening scans the
 * units: a unit whose header is damaged is free (an open that a power cut interrupted). In a unit,
 * a record whose CRC is wrong was torn by a power cut: it is skipped, and the scan looks for the
 * next sync word whose record checks out, 4 bytes at a time, so nothing torn is ever returned and a
 * torn record costs only its own bytes; appends continue after the last byte that is not erased.
 * Not thread-safe: the component serialises calls.
 */
public final class FlashRecordLog {

  static final int MAGIC = 0x474F4C46; // "FLOG"
  static final int UNIT_HEADER = 16;
  static final int RECORD_HEADER = 28;
  static final int SYNC = 0x464C5243; // "CRLF"

  private final LogFlash flash;
  private final LongSupplier clock;
  private final int unitSize;
  private final int units;
  private final long[] unitSequence; // -1: free
  private final int[] unitEnd; // where the next record goes; unitSize: closed
  private final NavigableMap<Long, long[]> index = new TreeMap<>(); // seq -> {offset, length, time}
  private int current = -1;
  private long nextSequence = 1;
  private long unitErases;
  private int tornRecords;

  private FlashRecordLog(LogFlash flash, LongSupplier clock) {
    this.flash = flash;
    this.clock = clock;
    this.unitSize = flash.unitSize();
    this.units = flash.units();
    this.unitSequence = new long[units];
    this.unitEnd = new int[units];
  }

  /**
   * Opens the log on {@code flash} (see the class comment for what opening skips).
   *
   * @param clock milliseconds since the epoch, for record timestamps
   * @throws IllegalArgumentException if the flash has fewer than two units or units too small
   */
  public static FlashRecordLog open(LogFlash flash, LongSupplier clock) throws IOException {
    if (flash.units() < 2 || flash.unitSize() < UNIT_HEADER + RECORD_HEADER + 4) {
      throw new IllegalArgumentException(
          String.format(
              "a record log needs at least two erase units of %d bytes or more; this flash has %d of %d",
              UNIT_HEADER + RECORD_HEADER + 4, flash.units(), flash.unitSize()));
    }
    FlashRecordLog log = new FlashRecordLog(flash, clock);
    log.load();
    return log;
  }

  /**
   * @return the largest payload one record can carry
   */
  public int largestRecord() {
    return unitSize - UNIT_HEADER - RECORD_HEADER;
  }

  private static ByteBuffer le(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static int crc(byte[] bytes, int from, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, from, length);
    return (int) crc.getValue();
  }

  private void load() throws IOException {
    byte[] unit = new byte[unitSize];
    List<long[]> open = new ArrayList<>(); // {sequence, unit}
    for (int u = 0; u < units; u++) {
      flash.read((long) u * unitSize, unit, 0, unitSize);
      ByteBuffer header = le(unit);
      if (header.getInt(0) != MAGIC || header.getInt(12) != crc(unit, 0, 12)) {
        unitSequence[u] = -1;
        unitEnd[u] = unitSize; // free, erased before use
        continue;
      }
      unitSequence[u] = header.getInt(4) & 0xffffffffL;
      open.add(new long[] {unitSequence[u], u});
      scan(u, unit);
    }
    open.sort((a, b) -> Long.compare(a[0], b[0]));
    if (!index.isEmpty()) {
      nextSequence = index.lastKey() + 1;
    }
    if (!open.isEmpty()) {
      int newest = (int) open.get(open.size() - 1)[1];
      current = newest;
    }
  }

  /**
   * Indexes one unit's records: up to the last byte that is not erased, skipping torn records by
   * looking for the next sync word of a record that checks out.
   */
  private void scan(int u, byte[] unit) {
    ByteBuffer bytes = le(unit);
    int end = unitSize;
    while (end > UNIT_HEADER && unit[end - 1] == (byte) 0xff) {
      end--;
    }
    end = Math.min(unitSize, pad(end));
    int at = UNIT_HEADER;
    boolean inTorn = false;
    while (at < end) {
      int length = at + RECORD_HEADER <= unitSize ? bytes.getInt(at + 4) : -1;
      if (at + RECORD_HEADER <= unitSize
          && bytes.getInt(at) == SYNC
          && length >= 0
          && length <= unitSize - at - RECORD_HEADER
          && crcOf(unit, at, length) == bytes.getInt(at + 24)) {
        index.put(
            bytes.getLong(at + 8),
            new long[] {(long) u * unitSize + at + RECORD_HEADER, length, bytes.getLong(at + 16)});
        at += RECORD_HEADER + pad(length);
        inTorn = false;
      } else {
        if (!inTorn) {
          tornRecords++;
          inTorn = true;
        }
        at += 4;
      }
    }
    unitEnd[u] = Math.max(end, at);
  }

  private static int crcOf(byte[] record, int at, int length) {
    CRC32 crc = new CRC32();
    crc.update(record, at, 24);
    crc.update(record, at + RECORD_HEADER, length);
    return (int) crc.getValue();
  }

  private static boolean erased(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != (byte) 0xff) {
        return false;
      }
    }
    return true;
  }

  private static int pad(int length) {
    return (length + 3) & ~3;
  }

  /**
   * Appends a record: on flash when this returns.
   *
   * @return its sequence number
   * @throws IllegalArgumentException if the payload is larger than a unit holds
   */
  public LogRecord append(byte[] payload) throws IOException {
    if (payload.length > largestRecord()) {
      throw new IllegalArgumentException(
          String.format(
              "a record of %d bytes does not fit an erase unit (at most %d bytes)",
              payload.length, largestRecord()));
    }
    int size = RECORD_HEADER + pad(payload.length);
    if (current < 0 || unitEnd[current] + size > unitSize) {
      openNextUnit();
    }
    long sequence = nextSequence;
    long time = clock.getAsLong();
    byte[] record = new byte[size];
    Arrays.fill(record, (byte) 0xff);
    ByteBuffer bytes = le(record);
    bytes.putInt(0, SYNC);
    bytes.putInt(4, payload.length);
    bytes.putLong(8, sequence);
    bytes.putLong(16, time);
    System.arraycopy(payload, 0, record, RECORD_HEADER, payload.length);
    bytes.putInt(24, crcOf(record, 0, payload.length));
    long offset = (long) current * unitSize + unitEnd[current];
    unitEnd[current] = unitSize; // closed until the program is known to have landed
    flash.program(offset, record, 0, size);
    unitEnd[current] = (int) (offset - (long) current * unitSize) + size;
    index.put(sequence, new long[] {offset + RECORD_HEADER, payload.length, time});
    nextSequence = sequence + 1;
    return new LogRecord(sequence, time, payload.clone());
  }

  /** Erases the next unit in the ring (dropping its records) and opens it. */
  private void openNextUnit() throws IOException {
    int next = current < 0 ? 0 : (current + 1) % units;
    long sequence = current < 0 ? 0 : unitSequence[current] + 1;
    long start = (long) next * unitSize;
    index.values().removeIf(at -> at[0] >= start && at[0] < start + unitSize);
    unitSequence[next] = -1;
    unitEnd[next] = unitSize;
    current = next;
    flash.eraseUnit(next);
    unitErases++;
    byte[] header = new byte[UNIT_HEADER];
    Arrays.fill(header, (byte) 0xff);
    ByteBuffer bytes = le(header);
    bytes.putInt(0, MAGIC);
    bytes.putInt(4, (int) sequence);
    bytes.putInt(12, crc(header, 0, 12));
    flash.program(start, header, 0, UNIT_HEADER);
    unitSequence[next] = sequence;
    unitEnd[next] = UNIT_HEADER;
  }

  /**
   * @return up to {@code count} records from {@code from} (the oldest kept if it was dropped),
   *     forward, or backward from it
   */
  public List<LogRecord> read(long from, int count, boolean forward) throws IOException {
    List<LogRecord> records = new ArrayList<>();
    NavigableMap<Long, long[]> view =
        forward ? index.tailMap(from, true) : index.headMap(from, true).descendingMap();
    for (Map.Entry<Long, long[]> entry : view.entrySet()) {
      if (records.size() >= count) {
        break;
      }
      long[] at = entry.getValue();
      byte[] payload = new byte[(int) at[1]];
      flash.read(at[0], payload, 0, payload.length);
      records.add(new LogRecord(entry.getKey(), at[2], payload));
    }
    return records;
  }

  /**
   * @return the newest {@code count} records, oldest first
   */
  public List<LogRecord> tail(int count) throws IOException {
    if (index.isEmpty()) {
      return List.of();
    }
    List<LogRecord> records = read(index.lastKey(), count, false);
    Collections.reverse(records);
    return records;
  }

  /**
   * @return the log's statistics
   */
  public LogStatistics statistics() {
    long used = 0;
    for (int u = 0; u < units; u++) {
      if (unitSequence[u] >= 0) {
        used += unitSize;
      }
    }
    return new LogStatistics(
        index.size(),
        index.isEmpty() ? 0 : index.firstKey(),
        index.isEmpty() ? 0 : index.lastKey(),
        units,
        used,
        (long) units * unitSize,
        largestRecord(),
        unitErases,
        tornRecords);
  }
}
