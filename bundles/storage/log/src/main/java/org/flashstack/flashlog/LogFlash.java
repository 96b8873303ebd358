package org.flashstack.flashlog;

import java.io.IOException;

/** The flash a log lives on: erase units of one size, read and programmed by the byte. */
public interface LogFlash {

  /**
   * @return bytes of one erase unit
   */
  int unitSize();

  /**
   * @return the number of erase units
   */
  int units();

  void read(long offset, byte[] destination, int from, int length) throws IOException;

  void program(long offset, byte[] source, int from, int length) throws IOException;

  /** Erases unit {@code unit}: every byte 0xFF. */
  void eraseUnit(int unit) throws IOException;
}
