package org.flashstack.hw.cfi.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One emulated CFI NOR flash bank: factory PID {@code org.flashstack.hw.cfi}, one configuration per
 * device.
 */
@ObjectClassDefinition(
    id = CfiFlashComponent.FACTORY_PID,
    name = "FlashStack CFI NOR flash",
    description =
        "An emulated CFI parallel NOR flash bank (Intel/Sharp or AMD/Fujitsu command set), a preset"
            + " part or one the attributes describe, RAM or file backed.")
@interface CfiFlashConfiguration {

  @AttributeDefinition(
      name = "Device name",
      description =
          "Device name, unique in the system, e.g. nor0. Drivers and shell commands use it.")
  String device_name();

  @AttributeDefinition(
      name = "Driver",
      description =
          "The driver that must drive this device (e.g. cfi), or none to leave it undriven; empty for the best-ranked driver that can.",
      required = false)
  String device_driver() default "";

  @AttributeDefinition(
      name = "Part",
      description =
          "A preset part: its identity, sector layout, times and datasheet query table (S29GL01GS,"
              + " AM29LV160DT, AM29LV160DB). Empty for a device the attributes below describe. With a"
              + " part, block size, block count, IDs, write buffer and command set come from it.",
      required = false)
  String part() default "";

  @AttributeDefinition(
      name = "Command set",
      description =
          "For a device without a preset part: intel (Intel/Sharp extended, 0x0001) or amd"
              + " (AMD/Fujitsu standard, 0x0002).",
      options = {
        @Option(label = "Intel/Sharp (0x0001)", value = "intel"),
        @Option(label = "AMD/Fujitsu (0x0002)", value = "amd")
      })
  String commandSet() default "intel";

  @AttributeDefinition(
      name = "Bank width",
      description = "Data bus width in bytes (the device tree's bank-width).",
      options = {
        @Option(label = "8-bit", value = "1"),
        @Option(label = "16-bit", value = "2"),
        @Option(label = "32-bit", value = "4")
      })
  int bankWidth() default 4;

  @AttributeDefinition(
      name = "Device width",
      description =
          "Width of one flash device in bytes; bank width / device width devices are interleaved to fill the bank.",
      options = {@Option(label = "x8", value = "1"), @Option(label = "x16", value = "2")})
  int deviceWidth() default 2;

  @AttributeDefinition(
      name = "Block size",
      description = "Erase block size of the whole bank in bytes, a power of two.",
      type = AttributeType.LONG)
  long blockSize() default 262144;

  @AttributeDefinition(
      name = "Block count",
      description =
          "Number of erase blocks, a power of two; 0 takes the size from the image file (rounded down to a power of two).")
  int blockCount() default 32;

  @AttributeDefinition(
      name = "Manufacturer ID",
      description = "JEDEC manufacturer code each device reports, e.g. 0x89 (Intel).")
  String manufacturerId() default "0x89";

  @AttributeDefinition(
      name = "Device ID",
      description = "Device code each device reports, e.g. 0x16 (28F320J3).")
  String deviceId() default "0x16";

  @AttributeDefinition(
      name = "Write buffer size",
      description = "Write buffer of one device in bytes (power of two), 0 for none.")
  int writeBufferSize() default 32;

  @AttributeDefinition(
      name = "Big endian",
      description = "Bus values are big endian (default little endian).")
  boolean bigEndian() default false;

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
      description = "Open the image read-only: program and erase fail with SR.3 (Vpp low).")
  boolean readOnly() default false;

  @AttributeDefinition(
      name = "Reject overwrites",
      description =
          "Report a program over cells that are not erased as a program error (SR.4) instead of ANDing as silicon does.")
  boolean rejectOverwrite() default false;

  @AttributeDefinition(
      name = "Locked at power-up",
      description = "Every block starts locked (as Intel P30 parts do).")
  boolean lockedAtPowerUp() default false;

  @AttributeDefinition(
      name = "Sync",
      description =
          "When programs and erases reach stable storage: write-through (into the image file at"
              + " once, surviving a killed process) or force (also synced to the disk every time,"
              + " surviving a machine that loses power; slower)")
  String sync() default "write-through";
}
