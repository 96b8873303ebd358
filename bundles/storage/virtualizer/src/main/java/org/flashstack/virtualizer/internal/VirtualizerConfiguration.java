package org.flashstack.virtualizer.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The flash virtualizer's settings, PID {@code org.flashstack.virtualizer}; optional. */
@ObjectClassDefinition(
    id = FlashVirtualizerComponent.PID,
    name = "FlashStack flash virtualizer",
    description =
        "One Flash service per device over whichever driver serves it, with one queue per device.")
@interface VirtualizerConfiguration {

  @AttributeDefinition(
      name = "Wait for a driver",
      description =
          "Milliseconds an operation waits for a driver while none serves its device (during a swap, or after the driver left) before it fails with UNAVAILABLE.")
  long waitForDriverMillis() default 10_000;
}
