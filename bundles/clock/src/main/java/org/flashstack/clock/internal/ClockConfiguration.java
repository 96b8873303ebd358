package org.flashstack.clock.internal;

import org.flashstack.api.clock.EmulatedClock;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The clock's settings, PID {@code org.flashstack.clock}; optional. */
@ObjectClassDefinition(
    id = ClockComponent.PID,
    name = "FlashStack clock",
    description =
        "The one clock of the emulated devices and their drivers. Changing the mode restarts every device and driver.")
@interface ClockConfiguration {

  @AttributeDefinition(
      name = "Mode",
      description =
          "virtual: time moves when a driver waits (deterministic, no sleeping); real-time: devices are busy for their real times.",
      options = {
        @Option(label = "Virtual", value = EmulatedClock.MODE_VIRTUAL),
        @Option(label = "Real time", value = EmulatedClock.MODE_REAL_TIME)
      })
  String mode() default EmulatedClock.MODE_VIRTUAL;
}
