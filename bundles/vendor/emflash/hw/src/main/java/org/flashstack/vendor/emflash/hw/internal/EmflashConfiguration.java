package org.flashstack.vendor.emflash.hw.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One emflash controller, factory PID {@code org.flashstack.vendor.emflash.hw}. */
@ObjectClassDefinition(
    id = EmflashComponent.FACTORY_PID,
    name = "FlashStack vendor emflash: embedded flash controller",
    description =
        "An MCU's embedded flash (STM32F4-style FLASH interface) with its main memory array,"
            + " registered as an MMIO device for a vendor flash driver.")
@interface EmflashConfiguration {

  @AttributeDefinition(name = "Device name", description = "Unique device name: eflash0")
  String device_name();

  @AttributeDefinition(name = "Size in KiB", description = "512 or 1024")
  int sizeKib() default 1024;

  @AttributeDefinition(
      name = "Image file",
      description = "Backing file of the main memory; empty for RAM",
      required = false)
  String file() default "";

  @AttributeDefinition(
      name = "Write-protected sectors",
      description = "Sectors write protected in the option bytes at start: 0,1 (none by default)",
      required = false)
  String writeProtectedSectors() default "";

  @AttributeDefinition(
      name = "Driver",
      description = "The driver it must have (device.driver); empty for the best ranked",
      required = false)
  String device_driver() default "";

  @AttributeDefinition(
      name = "Sync",
      description =
          "When programs and erases reach stable storage: write-through (into the image file at"
              + " once, surviving a killed process) or force (also synced to the disk every time,"
              + " surviving a machine that loses power; slower)")
  String sync() default "write-through";
}
