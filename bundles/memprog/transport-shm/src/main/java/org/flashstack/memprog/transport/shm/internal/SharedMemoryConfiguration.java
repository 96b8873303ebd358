package org.flashstack.memprog.transport.shm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One shared-memory RAM for a target in this framework, factory PID {@code
 * org.flashstack.memprog.shm}.
 */
@ObjectClassDefinition(
    id = SharedMemoryComponent.FACTORY_PID,
    name = "FlashStack MemProgLib: shared-memory target RAM",
    description =
        "A memory-mapped file as the RAM of a MemProgLib target in this framework, so a host in"
            + " another process (native or Java) reaches it; registered as a TargetMemory with"
            + " memprog.memory=<name>.")
@interface SharedMemoryConfiguration {

  @AttributeDefinition(name = "Name", description = "Unique name targets refer to: shared")
  String memprog_memory();

  @AttributeDefinition(name = "File", description = "The shared file, made if missing")
  String file();

  @AttributeDefinition(
      name = "Base address",
      description = "Target address of the file's first byte: 0x20000000")
  String base() default "0x20000000";

  @AttributeDefinition(name = "Size", description = "Bytes of RAM: 64K, 1M (at most 1G)")
  String size() default "1M";
}
