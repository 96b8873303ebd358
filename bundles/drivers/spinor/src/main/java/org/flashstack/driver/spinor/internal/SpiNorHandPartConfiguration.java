package org.flashstack.driver.spinor.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One SPI NOR part given by hand, factory PID {@code org.flashstack.driver.spinor.part}: for chips
 * whose SFDP is missing or unusable.
 */
@ObjectClassDefinition(
    id = SpiNorHandPartComponent.FACTORY_PID,
    name = "FlashStack SPI NOR part given by hand",
    description =
        "Parameters of an SPI NOR part without usable SFDP; the spinor-part driver drives the chips"
            + " whose RDID starts with its JEDEC ID.")
@interface SpiNorHandPartConfiguration {

  @AttributeDefinition(name = "Part name", description = "What the part is called, e.g. M25P80.")
  String name();

  @AttributeDefinition(
      name = "JEDEC ID",
      description =
          "The leading RDID (9Fh) bytes in hex: manufacturer then device ID, e.g. 20 20 14.")
  String jedecId();

  @AttributeDefinition(name = "Density", description = "Bytes: 1048576, 0x100000, 1M.")
  String size();

  @AttributeDefinition(name = "Page size", description = "The program page in bytes.")
  int pageSize() default 256;

  @AttributeDefinition(
      name = "Erase types",
      description =
          "Each as size:instruction[:maximum ms] in the 3-byte form, e.g. 4K:20 and 64K:D8:3000.")
  String[] erase() default {"4K:20", "64K:D8"};

  @AttributeDefinition(
      name = "Address bytes",
      description = "3, or 4 (required above 16 MiB).",
      options = {
        @org.osgi.service.metatype.annotations.Option(label = "3", value = "3"),
        @org.osgi.service.metatype.annotations.Option(label = "4", value = "4")
      })
  int addressBytes() default 3;

  @AttributeDefinition(
      name = "4-byte addressing",
      description = "B7 (EN4B), WREN_B7 (06h then B7h) or OPCODES (dedicated 4-byte instructions).")
  String fourByteEntry() default "B7";

  @AttributeDefinition(
      name = "Read mode",
      description = "Lanes as JESD216 writes them: 1-1-1, 1-1-2, 1-2-2, 1-1-4 or 1-4-4.")
  String readMode() default "1-1-1";

  @AttributeDefinition(name = "Read instruction", description = "In hex, the 3-byte form: 0B.")
  String readOpcode() default "0B";

  @AttributeDefinition(name = "Read wait clocks", description = "Mode and dummy clocks.")
  int readWaitClocks() default 8;

  @AttributeDefinition(
      name = "Quad enable",
      description =
          "How QE is set, for a quad read: NONE, SR1_BIT6, SR2_BIT1_WRITE_TWO_BYTES,"
              + " SR2_BIT1_READ_35_WRITE_TWO_BYTES, SR2_BIT1_WRITE_31, SR2_BIT7.",
      required = false)
  String quadEnable() default "";

  @AttributeDefinition(name = "Page program maximum", description = "Microseconds.")
  long programMaximumMicros() default 5000;

  @AttributeDefinition(
      name = "Erase maximum",
      description = "Milliseconds, where an erase type gives none.")
  long eraseMaximumMillis() default 3000;

  @AttributeDefinition(name = "Chip erase maximum", description = "Milliseconds.")
  long chipEraseMaximumMillis() default 200000;

  @AttributeDefinition(
      name = "Override SFDP",
      description = "Use these parameters even for a chip whose SFDP is sound.")
  boolean overrideSfdp() default false;

  @AttributeDefinition(
      name = "Maximum lanes",
      description = "The most data lines a read may use: 1, 2 or 4.")
  int maxLanes() default 4;

  @AttributeDefinition(
      name = "Clear block protection",
      description = "Clear the chip's block protection when attaching it.")
  boolean unprotect() default true;

  @AttributeDefinition(
      name = "Soft reset",
      description = "Send reset enable and reset (66h 99h) before probing.")
  boolean softReset() default true;

  @AttributeDefinition(
      name = "Service ranking",
      description = "Among the drivers that can drive a device, the best ranked drives it.")
  int service_ranking() default 0;
}
