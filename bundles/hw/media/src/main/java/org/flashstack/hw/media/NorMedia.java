package org.flashstack.hw.media;

import java.io.IOException;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.hw.media.internal.NorMediaProvider;

/** Opens NOR media outside an OSGi framework. */
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
}
