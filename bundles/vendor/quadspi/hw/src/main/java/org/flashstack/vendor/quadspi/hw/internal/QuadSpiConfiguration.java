package org.flashstack.vendor.quadspi.hw.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One quadspi controller, factory PID {@code org.flashstack.vendor.quadspi.hw}. */
@ObjectClassDefinition(
    id = QuadSpiComponent.FACTORY_PID,
    name = "FlashStack vendor quadspi: memory-mapped QSPI controller",
    description =
        "A QSPI controller (STM32F7-style QUADSPI) driving the SPI NOR chips of its own SPI bus:"
            + " chip select 0 is flash 1 (FSEL 0), chip select 1 flash 2.")
@interface QuadSpiConfiguration {

  @AttributeDefinition(
      name = "Device name",
      description = "The flash device's name, the chip on flash 1: qflash0")
  String device_name();

  @AttributeDefinition(
      name = "SPI bus",
      description = "The bus of its chips (spi.bus of their configurations); its own, not a host's")
  String spi_bus();

  @AttributeDefinition(
      name = "Path",
      description =
          "Set when the chip is also reached another way (an SPI host on the same bus): this"
              + " controller is then one path to the device (device.path), and the flash virtualizer"
              + " moves the device between paths as drivers come and go. Empty for a chip only it"
              + " reaches.",
      required = false)
  String device_path() default "";

  @AttributeDefinition(
      name = "Driver",
      description = "The driver it must have (device.driver); empty for the best ranked",
      required = false)
  String device_driver() default "";
}
