package org.flashstack.api.media;

import java.util.List;
import org.flashstack.api.flash.EraseRegion;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What tools may see of a device's cells without touching them: where they live, their sectors, the
 * operation counters and the per-sector erase counts (wear). Device models register it as a service
 * beside their bus window, with the device's {@link
 * org.flashstack.api.device.DeviceProperties#NAME}, the way a debugger sees what the bus does not
 * show.
 */
@ProviderType
public interface FlashMediaView {

  /**
   * @return what was asked for; {@link #size()} may differ when it was taken from the file
   */
  MediaSpec spec();

  /**
   * @return the size in bytes
   */
  long size();

  /**
   * @return the erase sectors (the smallest erase units), as regions in address order
   */
  List<EraseRegion> sectors();

  /**
   * @return the number of erase sectors
   */
  default int sectorCount() {
    return sectors().stream().mapToInt(EraseRegion::blockCount).sum();
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
   * @return how many times sector {@code sector} (0 .. {@link #sectorCount()} - 1) has been erased:
   *     for an image file over the image's whole life (kept beside it in {@code <image>.wear}), for
   *     RAM since the media was opened
   */
  long eraseCount(int sector);

  /**
   * @return how many programs and erases have reached the media: the number the next one gets
   */
  long operationCount();

  /**
   * @return the counters so far
   */
  MediaStatistics statistics();
}
