package org.flashstack.kv.nvs;

import java.io.IOException;

/**
 * The flash an NVS store lives on: a run of 4 KiB pages, read and programmed by the byte (NOR
 * rules: a program only clears bits) and erased by the page. A partition, or media in tests.
 */
public interface NvsFlash {

  /**
   * @return the number of 4 KiB pages
   */
  int pageCount();

  /** Reads {@code length} bytes at {@code offset} into {@code destination[from..]}. */
  void read(long offset, byte[] destination, int from, int length) throws IOException;

  /** Programs {@code length} bytes of {@code source[from..]} at {@code offset}. */
  void program(long offset, byte[] source, int from, int length) throws IOException;

  /** Erases page {@code page}: every byte 0xFF. */
  void erasePage(int page) throws IOException;
}
