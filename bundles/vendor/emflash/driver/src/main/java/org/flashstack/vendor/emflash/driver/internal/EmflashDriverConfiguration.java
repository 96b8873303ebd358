package org.flashstack.vendor.emflash.driver.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the emflash driver, PID {@code org.flashstack.vendor.emflash.driver}; optional. */
@ObjectClassDefinition(
    id = EmflashDriverComponent.PID,
    name = "FlashStack vendor emflash: flash driver",
    description = "Drives every emflash embedded flash controller the flash virtualizer gives it.")
@interface EmflashDriverConfiguration {

  @AttributeDefinition(
      name = "Service ranking",
      description = "Among the drivers that can drive a device, the best ranked drives it.")
  int service_ranking() default 0;

  @AttributeDefinition(
      name = "Preferred for",
      description = "Device names this driver is preferred for, whatever the ranking.",
      required = false)
  String[] flash_driver_preferredFor() default {};

  @AttributeDefinition(
      name = "Claim timeout",
      description = "Milliseconds an attach waits for the controller's previous owner.")
  long claimTimeoutMillis() default 2000;
}
