package org.flashstack.kv.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One NVS store, factory PID {@code org.flashstack.kv.nvs}. */
@ObjectClassDefinition(
    id = NvsStoreComponent.FACTORY_PID,
    name = "FlashStack NVS key-value store",
    description =
        "An ESP-IDF NVS key-value store on a flash partition whose erase blocks are 4 KiB; registers"
            + " its KeyValueStore service.")
@interface NvsStoreConfiguration {

  @AttributeDefinition(name = "Name", description = "The store's name, unique: nvs, settings, ...")
  String kv_name();

  @AttributeDefinition(
      name = "Partition",
      description = "The partition it lives on, as a filter: (partition.name=nvs).")
  String partition_target();
}
