package org.flashstack.api.media;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/** Opens {@link FlashMedia}. Registered as an OSGi service by the media bundle. */
@ProviderType
public interface FlashMediaProvider {

  /**
   * Opens media as {@code spec} describes.
   *
   * @throws IOException with a message naming the file and what is wrong with it: missing (and not
   *     to be created), unreadable, read-only where write access was asked for, too small for the
   *     device, not a regular file
   * @throws IllegalArgumentException if the spec is inconsistent
   */
  FlashMedia open(MediaSpec spec) throws IOException;
}
