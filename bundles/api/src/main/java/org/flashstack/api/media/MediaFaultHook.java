package org.flashstack.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the fault engine decides whether the power goes during a program or erase. The media asks
 * before every mutating operation, numbered from 0 in the order they reach the media ({@link
 * FlashMedia#operationCount()}); an answer other than {@link #NO_CUT} makes the operation stop
 * after that many bytes (the cells as far as it got) and throw {@link
 * org.flashstack.api.device.PowerLossException}.
 */
@ConsumerType
public interface MediaFaultHook {

  /** Answer: the operation completes. */
  long NO_CUT = -1;

  /** A hook that never cuts. */
  MediaFaultHook NONE = new MediaFaultHook() {};

  /**
   * @param operation the operation's number
   * @param offset where the program starts
   * @param length how many bytes it programs
   * @return how many bytes (0..length) land before the cut, or {@link #NO_CUT}
   */
  default long programCut(long operation, long offset, int length) {
    return NO_CUT;
  }

  /**
   * @param operation the operation's number
   * @param offset where the erase starts (a sector boundary)
   * @param length how many bytes it erases
   * @return how many bytes (0..length, from the start) are erased before the cut, or {@link
   *     #NO_CUT}
   */
  default long eraseCut(long operation, long offset, long length) {
    return NO_CUT;
  }

  /** Cuts the power before operation {@code operation} changes anything. */
  static MediaFaultHook cutAtOperation(long operation) {
    return cutAtByte(operation, 0);
  }

  /** Cuts the power inside operation {@code operation}, after {@code bytes} of it landed. */
  static MediaFaultHook cutAtByte(long operation, long bytes) {
    return new MediaFaultHook() {
      @Override
      public long programCut(long index, long offset, int length) {
        return index == operation ? Math.min(bytes, length) : NO_CUT;
      }

      @Override
      public long eraseCut(long index, long offset, long length) {
        return index == operation ? Math.min(bytes, length) : NO_CUT;
      }
    };
  }
}
