package org.flashstack.hw.spinor;

import java.util.ArrayList;
import java.util.List;

/**
 * How long writing an image takes on the real part, from its typical times: erase the range with
 * the fewest erases its sector map allows, program it page by page, and clock the data over the
 * bus. Answers "how long will programming this image take on the real chip?".
 *
 * @param part the part
 * @param offset where the image goes
 * @param length its length in bytes
 * @param erases the erases, as {size, count} pairs from the largest size down
 * @param eraseMicros typical time of the erases
 * @param pages how many page programs
 * @param programMicros typical time of the programs
 * @param transferMicros time the bus takes to carry the data, at the clock and lanes given
 */
public record OperationEstimate(
    ChipPart part,
    long offset,
    long length,
    List<long[]> erases,
    long eraseMicros,
    long pages,
    long programMicros,
    long transferMicros) {

  /**
   * @return erase, program and transfer together, microseconds
   */
  public long totalMicros() {
    return eraseMicros + programMicros + transferMicros;
  }

  /**
   * @param part the part
   * @param offset where the image goes
   * @param length the image's length
   * @param clockHertz the SPI clock, at least 1
   * @param lanes data lines of the page program (1, 2, 4 or 8)
   * @return the estimate
   * @throws IllegalArgumentException if the range is not inside the part
   */
  public static OperationEstimate of(
      ChipPart part, long offset, long length, long clockHertz, int lanes) {
    if (offset < 0 || length < 0 || offset + length > part.size()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: 0x%x + %d bytes is outside the part (%d bytes)",
              part.name(), offset, length, part.size()));
    }
    if (clockHertz <= 0 || (lanes != 1 && lanes != 2 && lanes != 4 && lanes != 8)) {
      throw new IllegalArgumentException("the clock must be positive and lanes 1, 2, 4 or 8");
    }
    long smallest = part.smallestErase();
    long start = offset / smallest * smallest;
    long end = (offset + length + smallest - 1) / smallest * smallest;
    java.util.TreeMap<Long, Long> counts =
        new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
    long eraseMicros = 0;
    long at = start;
    while (at < end) {
      ChipPart.Region region = regionOf(part, at);
      ChipPart.EraseType best = null;
      ChipPart.EraseType smallestHere = null;
      for (int number : region.eraseTypes()) {
        ChipPart.EraseType type = part.eraseType(number);
        if (smallestHere == null || type.size() < smallestHere.size()) {
          smallestHere = type;
        }
        if (at % type.size() == 0
            && at + type.size() <= Math.min(end, region.end())
            && (best == null || type.size() > best.size())) {
          best = type;
        }
      }
      if (best == null) {
        best = smallestHere;
      }
      counts.merge(best.size(), 1L, Long::sum);
      eraseMicros += best.typicalMicros();
      at = (at / best.size() + 1) * best.size();
    }
    long pages = 0;
    long programMicros = 0;
    long page = part.pageSize();
    long position = offset;
    while (position < offset + length) {
      long next = Math.min(offset + length, (position / page + 1) * page);
      programMicros += part.timing().programMicros((int) (next - position));
      pages++;
      position = next;
    }
    long overheadBits =
        pages * (8 + 32) + (long) counts.values().stream().mapToLong(Long::longValue).sum() * 40;
    long transferMicros = (length * 8 / lanes + overheadBits) * 1_000_000 / clockHertz;
    List<long[]> erases = new ArrayList<>();
    counts.forEach((size, count) -> erases.add(new long[] {size, count}));
    return new OperationEstimate(
        part, offset, length, erases, eraseMicros, pages, programMicros, transferMicros);
  }

  private static ChipPart.Region regionOf(ChipPart part, long at) {
    for (ChipPart.Region region : part.regions()) {
      if (at >= region.offset() && at < region.end()) {
        return region;
      }
    }
    throw new IllegalArgumentException(
        part.name() + ": no sector map region holds 0x" + Long.toHexString(at));
  }
}
