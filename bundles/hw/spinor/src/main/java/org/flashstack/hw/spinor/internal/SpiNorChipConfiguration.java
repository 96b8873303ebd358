package org.flashstack.hw.spinor.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One emulated SPI NOR chip: factory PID {@code org.flashstack.hw.spinor}, one configuration per
 * chip.
 */
@ObjectClassDefinition(
    id = SpiNorChipComponent.FACTORY_PID,
    name = "FlashStack SPI NOR chip",
    description =
        "An emulated SPI NOR flash chip of a real part from the chip catalog, on a chip select of an SPI bus, RAM or file backed.")
@interface SpiNorChipConfiguration {

  @AttributeDefinition(
      name = "Device name",
      description = "Device name, unique in the system, e.g. flash0.")
  String device_name();

  @AttributeDefinition(
      name = "Part",
      description =
          "The catalog part, e.g. W25Q256JV, MX25L25635F, SST26VF064B (spinor:parts lists them).")
  String spi_part();

  @AttributeDefinition(
      name = "SPI bus",
      description =
          "The SPI bus the chip is wired to, e.g. spi0: the controller of that name drives it.")
  String spi_bus() default "spi0";

  @AttributeDefinition(
      name = "Chip select",
      description = "The chip select line the chip answers on, 0 and up.")
  int spi_cs() default 0;

  @AttributeDefinition(
      name = "Driver",
      description =
          "The driver that must drive this device, or none to leave it undriven; empty for the best-ranked driver that can.",
      required = false)
  String device_driver() default "";

  @AttributeDefinition(
      name = "Image file",
      description =
          "Backing file: the file is the flash and every program and erase reaches it. Empty for RAM (contents lost at stop).")
  String file() default "";

  @AttributeDefinition(
      name = "Create image",
      description = "Create a missing image file, fully erased (0xff).")
  boolean createIfMissing() default true;

  @AttributeDefinition(
      name = "Read-only image",
      description = "Open the image read-only: program and erase are refused as if protected.")
  boolean readOnly() default false;

  @AttributeDefinition(
      name = "SFDP",
      description =
          "Answer Read SFDP (5Ah) with the part's table; off models a part older than JESD216,"
              + " which answers with nothing (FFh), for drivers given the parameters by hand.")
  boolean sfdp() default true;

  @AttributeDefinition(
      name = "Reject overwrites",
      description =
          "Refuse a program over cells that are not erased instead of ANDing as silicon does.")
  boolean rejectOverwrite() default false;

  @AttributeDefinition(
      name = "Sync",
      description =
          "When programs and erases reach stable storage: write-through (into the image file at"
              + " once, surviving a killed process) or force (also synced to the disk every time,"
              + " surviving a machine that loses power; slower)")
  String sync() default "write-through";
}
