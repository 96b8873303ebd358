package org.flashstack.api.media;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What tools may see of a device's cells without touching them: where they live, their geometry,
 * the operation counters and the per-block erase counts (wear). Device models register it as a
 * service beside their MMIO window, with the device's name in the {@value #NAME} property, the way
 * a debugger sees what the bus does not show.
 */
@ProviderType
public interface FlashMediaView {

  /** Service property: the name of the device whose media this is. */
  String NAME = "name";

  /**
   * @return what was asked for; {@link #size()} may differ when it was taken from the file
   */
  MediaSpec spec();

  /**
   * @return the size in bytes
   */
  long size();

  /**
   * @return the erase block size in bytes
   */
  long blockSize();

  /**
   * @return the number of erase blocks
   */
  default int blockCount() {
    return (int) (size() / blockSize());
  }

  /**
   * @return the value erased bytes have
   */
  int eraseValue();

  /**
   * @return whether program and erase are refused
   */
  boolean isReadOnly();

  /**
   * @return where the cells live, e.g. {@code "file /var/flash/nor0.img (8 MiB, read-write)"}
   */
  String description();

  /**
   * @return what opening the media had to tell the user, e.g. that only the first N bytes of a file
   *     are used; empty if nothing
   */
  List<String> notes();

  /**
   * @return how many times block {@code block} has been erased since the media was opened
   */
  long eraseCount(int block);

  /**
   * @return the counters so far
   */
  MediaStatistics statistics();
}
