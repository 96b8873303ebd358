package org.flashstack.api.spi;

import java.util.Objects;

/**
 * One segment of an SPI transaction as software asks a controller for it: bytes out, bytes in, both
 * at once (one lane), or dummy clocks. The arrays are the caller's; a receive segment fills {@code
 * data[offset..offset+length)}.
 *
 * @param direction what the segment clocks
 * @param lanes data lines (dummy segments: the speed the clocks run at)
 * @param data the bytes to send or the buffer to fill (for {@link Direction#EXCHANGE}, the bytes
 *     sent; they are replaced by the bytes received); empty for dummy segments
 * @param offset where the segment's bytes start in {@code data}
 * @param length bytes, or clocks for a dummy segment; at least 1
 */
public record SpiSegment(Direction direction, SpiLanes lanes, byte[] data, int offset, int length) {

  /** What a segment clocks. */
  public enum Direction {
    /** Clocks only, no data (the dummy cycles of a fast read). */
    DUMMY,
    /** The controller samples bytes the chip drives. */
    RECEIVE,
    /** The controller drives bytes. */
    TRANSMIT,
    /** Both at once, on one lane (standard SPI full duplex). */
    EXCHANGE
  }

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if the length is not positive, the range is outside the array,
   *     or an exchange is asked on more than one lane
   */
  public SpiSegment {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(lanes, "lanes");
    Objects.requireNonNull(data, "data");
    if (length < 1) {
      throw new IllegalArgumentException(
          "an SPI segment has at least 1 byte or clock, not " + length);
    }
    if (direction != Direction.DUMMY && (offset < 0 || offset > data.length - length)) {
      throw new IllegalArgumentException(
          String.format(
              "segment bytes %d..%d are outside the %d-byte buffer",
              offset, offset + length, data.length));
    }
    if (direction == Direction.EXCHANGE && lanes != SpiLanes.SINGLE) {
      throw new IllegalArgumentException("a full-duplex segment runs on one lane, not " + lanes);
    }
  }

  /**
   * @return a segment that sends {@code bytes} on one lane
   */
  public static SpiSegment transmit(byte... bytes) {
    return new SpiSegment(Direction.TRANSMIT, SpiLanes.SINGLE, bytes, 0, bytes.length);
  }

  /**
   * @return a segment that sends {@code bytes} on {@code lanes}
   */
  public static SpiSegment transmit(SpiLanes lanes, byte[] bytes, int offset, int length) {
    return new SpiSegment(Direction.TRANSMIT, lanes, bytes, offset, length);
  }

  /**
   * @return a segment that fills {@code into} on {@code lanes}
   */
  public static SpiSegment receive(SpiLanes lanes, byte[] into, int offset, int length) {
    return new SpiSegment(Direction.RECEIVE, lanes, into, offset, length);
  }

  /**
   * @return a segment of {@code clocks} dummy clocks
   */
  public static SpiSegment dummy(int clocks) {
    return new SpiSegment(Direction.DUMMY, SpiLanes.SINGLE, new byte[0], 0, clocks);
  }

  /**
   * @return a full-duplex segment: {@code bytes} go out and are replaced by what comes in
   */
  public static SpiSegment exchange(byte[] bytes) {
    return new SpiSegment(Direction.EXCHANGE, SpiLanes.SINGLE, bytes, 0, bytes.length);
  }
}
