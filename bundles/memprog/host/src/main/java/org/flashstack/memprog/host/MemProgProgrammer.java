package org.flashstack.memprog.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import org.flashstack.api.memprog.MemProgResult;
import org.flashstack.memprog.image.FirmwareImage;
import org.flashstack.memprog.image.Segment;
import org.flashstack.memprog.protocol.MemProg;
import org.flashstack.memprog.protocol.MemProgCrc;

/**
 * The jobs a user runs on a target's interfaces: program an image, erase, read back, CRC, verify.
 * Each job blocks its caller; jobs on different interfaces run at the same time through the one
 * {@link MemProgHost}. Every range is checked against the interface (where the target says how big
 * it is) before anything is sent, so a bad one changes nothing.
 */
public final class MemProgProgrammer {

  /** The most one PROG_VERIFY or ERASE_RANGE command covers; cancellation acts between them. */
  static final long COMMAND_SPAN = 4L << 20;

  private static final long DEFAULT_ERASE_UNIT = 4096;

  private final MemProgHost host;

  public MemProgProgrammer(MemProgHost host) {
    this.host = host;
  }

  /**
   * @return the host it runs on
   */
  public MemProgHost host() {
    return host;
  }

  /** Erases {@code [address, address + length)} of the interface (ERASE_RANGE). */
  public void erase(int iface, long address, long length) throws IOException {
    check(iface, address, length);
    MemProgHost.await(
        host.submit(iface, MemProg.CMD_ERASE_RANGE, new long[] {address, length}, null, null));
  }

  /** Erases the whole interface (MASS_ERASE). */
  public void eraseAll(int iface) throws IOException {
    host.iface(iface);
    MemProgHost.await(host.submit(iface, MemProg.CMD_MASS_ERASE, new long[6], null, null));
  }

  /**
   * @return the CRC32 of {@code [address, address + length)} of the interface, as the target
   *     computes it (CRC)
   */
  public long crc(int iface, long address, long length) throws IOException {
    check(iface, address, length);
    if (length == 0) {
      return 0;
    }
    MemProgResult r =
        MemProgHost.await(
            host.submit(iface, MemProg.CMD_CRC, new long[6], requests(address, length), null));
    return r.parameter(1);
  }

  /** Reads {@code [address, address + length)} of the interface into {@code out} (READ). */
  public void read(int iface, long address, long length, OutputStream out) throws IOException {
    check(iface, address, length);
    if (length == 0) {
      return;
    }
    long[] next = {address};
    ReplySink sink =
        (at, data, count) -> {
          int expected = (int) Math.min(host.layout().bufferSize(), address + length - next[0]);
          if (at != next[0] || count != expected) {
            throw new IOException(
                String.format(
                    "the target answered with 0x%x +%d where 0x%x +%d was asked",
                    at, count, next[0], expected));
          }
          out.write(data, 0, count);
          next[0] += count;
        };
    MemProgHost.await(
        host.submit(iface, MemProg.CMD_READ, new long[6], requests(address, length), sink));
  }

  /**
   * @return {@code [address, address + length)} of the interface
   */
  public byte[] read(int iface, long address, int length) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
    read(iface, address, length, out);
    return out.toByteArray();
  }

  /**
   * Programs {@code image} (addresses relative to the interface) into the interface: every erase
   * unit the image touches is erased and programmed, keeping the bytes of the unit outside the
   * image (read back first); each PROG_VERIFY's CRC of what was read back is checked.
   *
   * @return what was written, skipped and erased, and how long it took
   * @throws IllegalArgumentException if the image does not fit the interface (nothing is sent)
   * @throws CancellationException if {@link ProgramOptions#cancelled()} became true
   * @throws IOException a command's failure, or a CRC that does not match
   */
  public ProgramReport program(
      int iface, FirmwareImage image, ProgramOptions options, ProgressListener progress)
      throws IOException {
    long began = System.nanoTime();
    TargetInterface target = host.iface(iface);
    if (target.readOnly()) {
      throw new IllegalArgumentException(target.label() + " is read-only");
    }
    check(iface, image.start(), image.end() - image.start());
    long unit =
        options.eraseUnit() > 0
            ? options.eraseUnit()
            : target.eraseSize() > 0 ? target.eraseSize() : DEFAULT_ERASE_UNIT;
    if (target.sizeKnown() && target.size() % unit != 0) {
      throw new IllegalArgumentException(
          target.label() + "'s size is not a multiple of the erase unit " + unit);
    }
    long total = image.size();
    // erase unit -> the image's bytes in it
    TreeMap<Long, List<Segment>> units = new TreeMap<>();
    for (Segment s : image.segments()) {
      for (long at = s.address(); at < s.end(); ) {
        long unitStart = at / unit * unit;
        long end = Math.min(s.end(), unitStart + unit);
        byte[] piece =
            Arrays.copyOfRange(s.data(), (int) (at - s.address()), (int) (end - s.address()));
        units.computeIfAbsent(unitStart, k -> new ArrayList<>()).add(new Segment(at, piece));
        at = end;
      }
    }
    long skipped = 0;
    long done = 0;
    List<long[]> runs = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (var entry : units.entrySet()) {
      cancelIf(options);
      long start = entry.getKey();
      List<Segment> pieces = entry.getValue();
      long covered = pieces.stream().mapToLong(p -> p.data().length).sum();
      if (options.skipUnchanged()) {
        progress.progress("checking", done, total);
        if (crcOf(iface, pieces) == localCrc(pieces)) {
          skipped += covered;
          done += covered;
          continue;
        }
      }
      byte[] content;
      if (covered == unit) {
        content = new byte[(int) unit];
      } else {
        progress.progress("reading", done, total);
        content = read(iface, start, (int) unit);
      }
      for (Segment p : pieces) {
        System.arraycopy(p.data(), 0, content, (int) (p.address() - start), p.data().length);
      }
      // join with the previous unit when adjacent and the command stays within its span
      if (!runs.isEmpty()) {
        long[] last = runs.get(runs.size() - 1);
        if (last[0] + last[1] == start && last[1] + unit <= COMMAND_SPAN) {
          last[1] += unit;
          contents.add(content);
          last[2]++;
          continue;
        }
      }
      runs.add(new long[] {start, unit, 1});
      contents.add(content);
    }
    long erased = 0;
    int next = 0;
    for (long[] run : runs) {
      cancelIf(options);
      long start = run[0];
      long length = run[1];
      byte[] content = new byte[(int) length];
      for (int i = 0; i < run[2]; i++) {
        System.arraycopy(contents.get(next++), 0, content, (int) (i * unit), (int) unit);
      }
      progress.progress("erasing", done, total);
      erase(iface, start, length);
      erased += length;
      progress.progress("programming", done, total);
      programRun(iface, start, content);
      done += coveredIn(units, start, length);
      progress.progress("programming", done, total);
    }
    long written = total - skipped;
    if (options.verify()) {
      long checked = 0;
      for (Segment s : image.segments()) {
        cancelIf(options);
        progress.progress("verifying", checked, total);
        long onTarget = crc(iface, s.address(), s.data().length);
        long local = MemProgCrc.of(s.data());
        if (onTarget != local) {
          throw new MemProgCommandException(
              host.where(iface),
              iface,
              MemProg.CMD_CRC,
              String.format(
                  "verify failed: [0x%08x, 0x%08x) has CRC32 0x%08x on the target, 0x%08x in the image",
                  s.address(), s.end(), onTarget, local));
        }
        checked += s.data().length;
      }
      progress.progress("verifying", checked, total);
    }
    return new ProgramReport(written, skipped, erased, Duration.ofNanos(System.nanoTime() - began));
  }

  private static long coveredIn(TreeMap<Long, List<Segment>> units, long start, long length) {
    return units.subMap(start, start + length).values().stream()
        .flatMap(List::stream)
        .mapToLong(p -> p.data().length)
        .sum();
  }

  /** PROG_VERIFY of {@code content} at {@code start}, leaving out buffers that are all 0xFF. */
  private void programRun(int iface, long start, byte[] content) throws IOException {
    int size = host.layout().bufferSize();
    List<Chunk> chunks = new ArrayList<>();
    MemProgCrc crc = new MemProgCrc();
    for (int at = 0; at < content.length; at += size) {
      int length = Math.min(size, content.length - at);
      if (!erased(content, at, length)) {
        chunks.add(new Chunk(start + at, length, content, at));
        crc.update(content, at, length);
      }
    }
    if (chunks.isEmpty()) {
      return;
    }
    MemProgResult r =
        MemProgHost.await(
            host.submit(iface, MemProg.CMD_PROG_VERIFY, new long[6], chunks.iterator(), null));
    if (r.parameter(1) != crc.value()) {
      throw new MemProgCommandException(
          host.where(iface),
          iface,
          MemProg.CMD_PROG_VERIFY,
          String.format(
              "what was read back of [0x%08x, 0x%08x) has CRC32 0x%08x, what was sent 0x%08x",
              start, start + content.length, r.parameter(1), crc.value()));
    }
  }

  private static boolean erased(byte[] data, int from, int length) {
    for (int i = from; i < from + length; i++) {
      if (data[i] != (byte) 0xff) {
        return false;
      }
    }
    return true;
  }

  private long crcOf(int iface, List<Segment> pieces) throws IOException {
    List<Chunk> chunks = new ArrayList<>();
    int size = host.layout().bufferSize();
    for (Segment p : pieces) {
      for (long at = p.address(); at < p.end(); at += size) {
        chunks.add(Chunk.request(at, (int) Math.min(size, p.end() - at)));
      }
    }
    return MemProgHost.await(
            host.submit(iface, MemProg.CMD_CRC, new long[6], chunks.iterator(), null))
        .parameter(1);
  }

  private static long localCrc(List<Segment> pieces) {
    MemProgCrc crc = new MemProgCrc();
    for (Segment p : pieces) {
      crc.update(p.data(), 0, p.data().length);
    }
    return crc.value();
  }

  private static void cancelIf(ProgramOptions options) {
    if (options.cancelled().getAsBoolean()) {
      throw new CancellationException("cancelled");
    }
  }

  private Iterator<Chunk> requests(long address, long length) {
    int size = host.layout().bufferSize();
    return new Iterator<>() {
      long at = address;

      @Override
      public boolean hasNext() {
        return at < address + length;
      }

      @Override
      public Chunk next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Chunk c = Chunk.request(at, (int) Math.min(size, address + length - at));
        at += c.length();
        return c;
      }
    };
  }

  private void check(int iface, long address, long length) {
    TargetInterface target = host.iface(iface);
    if (address < 0 || length < 0) {
      throw new IllegalArgumentException("addresses and lengths are 0 or more");
    }
    if (address + length > 0x1_0000_0000L) {
      throw new IllegalArgumentException(
          String.format("0x%x +0x%x is past MemProgLib's 32-bit addresses", address, length));
    }
    if (target.sizeKnown() && address + length > target.size()) {
      throw new IllegalArgumentException(
          String.format(
              "[0x%x, 0x%x) is past the end of %s (%d bytes)",
              address, address + length, target.label(), target.size()));
    }
  }
}
