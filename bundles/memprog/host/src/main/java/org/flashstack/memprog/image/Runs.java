package org.flashstack.memprog.image;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Gathers records' bytes into runs of consecutive addresses, as text formats give them. */
final class Runs {
  private final List<Segment> done = new ArrayList<>();
  private long start = -1;
  private final ByteArrayOutputStream run = new ByteArrayOutputStream();

  void add(long address, byte[] data, int offset, int length) {
    if (length == 0) {
      return;
    }
    if (start < 0 || address != start + run.size()) {
      flush();
      start = address;
    }
    run.write(data, offset, length);
  }

  private void flush() {
    if (start >= 0 && run.size() > 0) {
      done.add(new Segment(start, run.toByteArray()));
    }
    run.reset();
    start = -1;
  }

  FirmwareImage image() throws ImageFormatException {
    flush();
    return FirmwareImage.of(done);
  }
}
