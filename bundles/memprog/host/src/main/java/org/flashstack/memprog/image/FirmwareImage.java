package org.flashstack.memprog.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An image to program: segments sorted by address, none overlapping, empty ones left out; adjacent
 * segments are joined.
 */
public final class FirmwareImage {

  private final List<Segment> segments;

  private FirmwareImage(List<Segment> segments) {
    this.segments = List.copyOf(segments);
  }

  /**
   * @return the image of {@code segments}
   * @throws ImageFormatException if two overlap, naming both
   */
  public static FirmwareImage of(List<Segment> segments) throws ImageFormatException {
    List<Segment> sorted = new ArrayList<>();
    for (Segment s : segments) {
      if (s.data().length > 0) {
        sorted.add(s);
      }
    }
    sorted.sort(Comparator.comparingLong(Segment::address));
    List<Segment> joined = new ArrayList<>();
    for (Segment s : sorted) {
      if (!joined.isEmpty()) {
        Segment last = joined.get(joined.size() - 1);
        if (s.address() < last.end()) {
          throw new ImageFormatException(
              "segments "
                  + last
                  + " and "
                  + s
                  + " overlap: the image would store two values there");
        }
        if (s.address() == last.end()) {
          byte[] both = new byte[last.data().length + s.data().length];
          System.arraycopy(last.data(), 0, both, 0, last.data().length);
          System.arraycopy(s.data(), 0, both, last.data().length, s.data().length);
          joined.set(joined.size() - 1, new Segment(last.address(), both));
          continue;
        }
      }
      joined.add(s);
    }
    return new FirmwareImage(joined);
  }

  /**
   * @return the segments, sorted, none overlapping or touching
   */
  public List<Segment> segments() {
    return segments;
  }

  /**
   * @return how many bytes it stores
   */
  public long size() {
    return segments.stream().mapToLong(s -> s.data().length).sum();
  }

  /**
   * @return its lowest address (0 for an empty image)
   */
  public long start() {
    return segments.isEmpty() ? 0 : segments.get(0).address();
  }

  /**
   * @return one past its highest address (0 for an empty image)
   */
  public long end() {
    return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).end();
  }

  /**
   * @return the image moved by {@code delta} bytes (negative moves it down)
   * @throws ImageFormatException if that would put a byte below address 0
   */
  public FirmwareImage shift(long delta) throws ImageFormatException {
    if (start() + delta < 0) {
      throw new ImageFormatException(
          String.format("moving the image by %d puts 0x%x below address 0", delta, start()));
    }
    List<Segment> moved = new ArrayList<>();
    for (Segment s : segments) {
      moved.add(new Segment(s.address() + delta, s.data()));
    }
    return new FirmwareImage(moved);
  }

  @Override
  public String toString() {
    return segments.size() + " segments, " + size() + " bytes, " + segments;
  }
}
