package org.flashstack.virtualizer.internal;

import java.util.Map;
import java.util.Optional;
import org.flashstack.api.flash.FlashHardware;

/** A hardware service as drivers see it: its name, its service properties and the service. */
record Hardware(String name, Map<String, Object> properties, Object service)
    implements FlashHardware {

  Hardware {
    properties = Map.copyOf(properties);
  }

  @Override
  public <T> Optional<T> as(Class<T> type) {
    return type.isInstance(service) ? Optional.of(type.cast(service)) : Optional.empty();
  }
}
