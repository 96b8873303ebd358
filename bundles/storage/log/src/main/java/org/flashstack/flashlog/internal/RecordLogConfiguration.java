package org.flashstack.flashlog.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One record log, factory PID {@code org.flashstack.flashlog}. */
@ObjectClassDefinition(
    id = RecordLogComponent.FACTORY_PID,
    name = "FlashStack flash record log",
    description =
        "An append-only record log on a flash partition, circular over its erase blocks; registers"
            + " its RecordLog service.")
@interface RecordLogConfiguration {

  @AttributeDefinition(name = "Name", description = "The log's name, unique: logs, audit, ...")
  String flashlog_name();

  @AttributeDefinition(
      name = "Partition",
      description = "The partition it lives on, as a filter: (partition.name=logs).")
  String partition_target();
}
