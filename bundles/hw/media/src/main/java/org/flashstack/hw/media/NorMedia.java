package org.flashstack.hw.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.BackingMode;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.hw.media.internal.NorMediaProvider;

/** Opens NOR media outside an OSGi framework, and turns device settings into media specs. */
public final class NorMedia {
  private NorMedia() {}

  /**
   * Opens media as {@code spec} describes.
   *
   * @see org.flashstack.api.media.FlashMediaProvider#open(MediaSpec)
   */
  public static FlashMedia open(MediaSpec spec) throws IOException {
    return new NorMediaProvider().open(spec);
  }

  /**
   * The media spec of a device configuration, the one way every device model reads its image
   * settings: an empty {@code file} means RAM; {@code readOnly} opens the file without write
   * access; {@code createIfMissing} creates a missing writable image, erased; {@code
   * rejectOverwrite} refuses programs over non-erased cells.
   *
   * @param name the device name
   * @param size the device size in bytes, 0 to take it from the file
   * @param sectorSize the smallest erase unit where sectors are uniform
   * @param sectors sector regions where they are not, else empty
   */
  public static MediaSpec spec(
      String name,
      long size,
      long sectorSize,
      List<EraseRegion> sectors,
      String file,
      boolean readOnly,
      boolean createIfMissing,
      boolean rejectOverwrite) {
    String path = file == null ? "" : file.trim();
    BackingMode backing =
        path.isEmpty() ? BackingMode.RAM : readOnly ? BackingMode.FILE_READ_ONLY : BackingMode.FILE;
    return new MediaSpec(
        name,
        size,
        sectorSize,
        sectors,
        0xff,
        backing,
        path.isEmpty() ? null : Path.of(path),
        createIfMissing && backing == BackingMode.FILE,
        rejectOverwrite ? ProgramPolicy.REJECT_OVERWRITE : ProgramPolicy.AND);
  }
}
