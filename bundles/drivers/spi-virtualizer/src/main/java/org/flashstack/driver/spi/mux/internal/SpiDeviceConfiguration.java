package org.flashstack.driver.spi.mux.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One device on a chip select: factory PID {@code org.flashstack.driver.spi.mux}. */
@ObjectClassDefinition(
    id = SpiDeviceComponent.FACTORY_PID,
    name = "FlashStack SPI device",
    description =
        "A device on a chip select of an SPI controller, with its own clock and mode: what the board wires there (the device tree's SPI child node).")
@interface SpiDeviceConfiguration {

  @AttributeDefinition(name = "Device name", description = "Device name, e.g. flash0.")
  String device_name();

  @AttributeDefinition(name = "SPI bus", description = "The controller's bus, e.g. spi0.")
  String spi_bus() default "spi0";

  @AttributeDefinition(
      name = "Controller filter",
      description = "The SpiMaster this device uses: keep it (spi.bus=<the bus above>).")
  String master_target() default "(spi.bus=spi0)";

  @AttributeDefinition(name = "Chip select", description = "0 and up.")
  int spi_cs() default 0;

  @AttributeDefinition(
      name = "Clock",
      description = "SCK in Hz; the controller runs at the nearest not faster.")
  long spi_clockHertz() default 50_000_000;

  @AttributeDefinition(name = "SPI mode", description = "0 to 3 (CPOL bit 1, CPHA bit 0).")
  int spi_mode() default 0;

  @AttributeDefinition(
      name = "Binding",
      description =
          "What the device is, e.g. jedec,spi-nor: the driver that can drive it is chosen by it.")
  String device_compatible() default "jedec,spi-nor";
}
