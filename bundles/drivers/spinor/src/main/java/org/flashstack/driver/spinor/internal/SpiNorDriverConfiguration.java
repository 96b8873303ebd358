package org.flashstack.driver.spinor.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the SPI NOR driver, PID {@code org.flashstack.driver.spinor}; optional. */
@ObjectClassDefinition(
    id = SpiNorDriverComponent.PID,
    name = "FlashStack SPI NOR flash driver",
    description =
        "Drives every SPI NOR device (jedec,spi-nor binding) the flash virtualizer gives it, learning each chip from its SFDP.")
@interface SpiNorDriverConfiguration {

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
      name = "Maximum lanes",
      description = "The most data lines a read may use: 1, 2 or 4 (the OpenTitan SPI host has 4).")
  int maxLanes() default 4;

  @AttributeDefinition(
      name = "Clear block protection",
      description = "Clear the chip's block protection when attaching it.")
  boolean unprotect() default true;

  @AttributeDefinition(
      name = "Soft reset",
      description =
          "Send reset enable and reset (66h 99h) before probing, to start from power-up state.")
  boolean softReset() default true;
}
