package org.flashstack.vendor.quadspi.driver.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the quadspi driver, PID {@code org.flashstack.vendor.quadspi.driver}; optional. */
@ObjectClassDefinition(
    id = QuadSpiDriverComponent.PID,
    name = "FlashStack vendor quadspi: flash driver",
    description =
        "Drives the SPI NOR chip behind every quadspi controller the flash virtualizer gives it.")
@interface QuadSpiDriverConfiguration {

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
