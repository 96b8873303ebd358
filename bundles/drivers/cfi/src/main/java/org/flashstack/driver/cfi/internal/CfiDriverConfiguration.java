package org.flashstack.driver.cfi.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the CFI driver, PID {@code org.flashstack.driver.cfi}; optional. Changing them at
 * runtime restarts nothing: the flash virtualizer re-chooses drivers by the new ranking and
 * preferences.
 */
@ObjectClassDefinition(
    id = CfiDriverComponent.PID,
    name = "FlashStack CFI flash driver",
    description =
        "Drives every CFI flash device (cfi-flash binding) the flash virtualizer gives it.")
@interface CfiDriverConfiguration {

  @AttributeDefinition(
      name = "Service ranking",
      description =
          "Among the drivers that can drive a device, the best ranked drives it (unless the device names its driver or another driver is preferred for it).")
  int service_ranking() default 0;

  @AttributeDefinition(
      name = "Preferred for",
      description = "Device names this driver is preferred for, whatever the ranking.",
      required = false)
  String[] flash_driver_preferredFor() default {};

  @AttributeDefinition(
      name = "Claim timeout",
      description =
          "Milliseconds to wait for a device's previous owner to release it before the attach fails.")
  long claimTimeoutMillis() default 2000;
}
