package org.flashstack.api.media;

import java.util.List;
import org.flashstack.api.flash.EraseRegion;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link FlashMediaView} that answers from another one: what a device model registers so that
 * tools see its cells, by implementing only {@link #viewedMedia()}.
 */
@ConsumerType
public interface ForwardingMediaView extends FlashMediaView {

  /**
   * @return the media every other method answers from
   */
  FlashMediaView viewedMedia();

  @Override
  default MediaSpec spec() {
    return viewedMedia().spec();
  }

  @Override
  default long size() {
    return viewedMedia().size();
  }

  @Override
  default List<EraseRegion> sectors() {
    return viewedMedia().sectors();
  }

  @Override
  default int eraseValue() {
    return viewedMedia().eraseValue();
  }

  @Override
  default boolean isReadOnly() {
    return viewedMedia().isReadOnly();
  }

  @Override
  default String description() {
    return viewedMedia().description();
  }

  @Override
  default List<String> notes() {
    return viewedMedia().notes();
  }

  @Override
  default long eraseCount(int sector) {
    return viewedMedia().eraseCount(sector);
  }

  @Override
  default long operationCount() {
    return viewedMedia().operationCount();
  }

  @Override
  default MediaStatistics statistics() {
    return viewedMedia().statistics();
  }
}
