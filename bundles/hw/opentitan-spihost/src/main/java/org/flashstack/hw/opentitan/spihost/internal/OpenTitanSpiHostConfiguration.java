package org.flashstack.hw.opentitan.spihost.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One OpenTitan SPI_HOST: factory PID {@code org.flashstack.hw.opentitan.spihost}. */
@ObjectClassDefinition(
    id = OpenTitanSpiHostComponent.FACTORY_PID,
    name = "FlashStack OpenTitan SPI host",
    description = "An emulated OpenTitan SPI_HOST, driving the chips configured on its SPI bus.")
@interface OpenTitanSpiHostConfiguration {

  @AttributeDefinition(name = "Device name", description = "Device name, e.g. spihost0.")
  String device_name();

  @AttributeDefinition(
      name = "SPI bus",
      description = "The bus it drives: chips with this spi.bus.")
  String spi_bus() default "spi0";

  @AttributeDefinition(name = "Chip selects", description = "NumCS, 1 to 32.")
  int chipSelects() default 2;

  @AttributeDefinition(
      name = "COMMAND layout",
      options = {@Option(label = "v3", value = "v3"), @Option(label = "v2", value = "v2")})
  String commandLayout() default "v3";

  @AttributeDefinition(name = "Core clock", description = "The clock CLKDIV divides, in Hz.")
  long coreClockHertz() default 100_000_000;

  @AttributeDefinition(
      name = "RX DMA channel",
      description =
          "Whether a DMA channel in hardware-handshake mode is wired to RXDATA, so a driver may"
              + " drain long receive segments by DMA instead of by the processor.")
  boolean dmaChannel() default true;
}
