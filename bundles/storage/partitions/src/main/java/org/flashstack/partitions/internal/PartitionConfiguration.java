package org.flashstack.partitions.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One partition, factory PID {@code org.flashstack.partition}. */
@ObjectClassDefinition(
    id = PartitionComponent.FACTORY_PID,
    name = "FlashStack flash partition",
    description =
        "A named region of one flash device with seed 000's driver number; registers its"
            + " FlashPartition and AsyncSpiFlash services.")
@interface PartitionConfiguration {

  @AttributeDefinition(name = "Name", description = "Unique: primary, staging, recovery, ...")
  String partition_name();

  @AttributeDefinition(
      name = "Device",
      description = "The device's Flash service, as a filter: (device.name=flash0).")
  String flash_target();

  @AttributeDefinition(
      name = "Offset",
      description = "Where it starts on the device, on an erase block boundary: 0x100000, 1M.")
  String offset();

  @AttributeDefinition(
      name = "Size",
      description = "Its size, ending on an erase block boundary: 0x80000, 512K.")
  String size();

  @AttributeDefinition(name = "Read-only", description = "Refuse write and erase.")
  boolean readOnly() default false;

  @AttributeDefinition(
      name = "Driver number",
      description =
          "Seed 000's driver number userland opens it by, unique: 0x9000001 or 150994945.")
  String partition_driverNumber();

  @AttributeDefinition(
      name = "ESP-IDF type",
      required = false,
      description =
          "Kept from an imported ESP-IDF table so an export writes it again: 0x0 app, 0x1 data,"
              + " 0x40..0xfe custom.")
  String esp_type();

  @AttributeDefinition(
      name = "ESP-IDF subtype",
      required = false,
      description = "Kept from an imported ESP-IDF table: 0x2 nvs, 0x10 ota_0, ...")
  String esp_subtype();

  @AttributeDefinition(
      name = "ESP-IDF encrypted",
      required = false,
      description =
          "Kept from an imported ESP-IDF table (flag bit 0); FlashStack does not encrypt.")
  boolean esp_encrypted() default false;

  @AttributeDefinition(
      name = "mtdparts lk",
      required = false,
      description =
          "Kept from an imported mtdparts string (lk: left locked at power-up); FlashStack does not"
              + " lock partitions, use flash:lock.")
  boolean mtd_powerUpLock() default false;
}
