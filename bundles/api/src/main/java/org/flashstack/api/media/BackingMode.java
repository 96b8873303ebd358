package org.flashstack.api.media;

/** Where the cells live. */
public enum BackingMode {
  /** In memory only; contents are lost when the media is closed. */
  RAM,
  /** A memory-mapped file that is the flash: every program and erase reaches it. */
  FILE,
  /**
   * A memory-mapped file opened read-only: program and erase fail with {@link
   * MediaReadOnlyException}.
   */
  FILE_READ_ONLY
}
