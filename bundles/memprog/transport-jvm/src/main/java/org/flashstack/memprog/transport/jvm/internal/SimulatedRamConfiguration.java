package org.flashstack.memprog.transport.jvm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One simulated MCU RAM, factory PID {@code org.flashstack.memprog.ram}. */
@ObjectClassDefinition(
    id = SimulatedRamComponent.FACTORY_PID,
    name = "FlashStack MemProgLib: simulated MCU RAM",
    description =
        "RAM of a simulated MCU in this JVM, where a MemProgLib target keeps its PARAM, BDTs and"
            + " buffers; registered as a TargetMemory with memprog.memory=<name>.")
@interface SimulatedRamConfiguration {

  @AttributeDefinition(name = "Name", description = "Unique name targets refer to: default")
  String memprog_memory();

  @AttributeDefinition(
      name = "Base address",
      description = "Target address of the first byte: 0x20000000")
  String base() default "0x20000000";

  @AttributeDefinition(name = "Size", description = "Bytes of RAM: 64K, 1M (at most 1G)")
  String size() default "1M";
}
