package org.flashstack.memprog.target.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One MemProgLib target, factory PID {@code org.flashstack.memprog.target}. */
@ObjectClassDefinition(
    id = TargetComponent.FACTORY_PID,
    name = "FlashStack MemProgLib: target",
    description =
        "A simulated MCU running the MemProgLib loop in a target RAM, each interface bound to a"
            + " partition or a device; hosts reach it as jvm:<name>.")
@interface TargetConfiguration {

  @AttributeDefinition(name = "Name", description = "Unique target name: default")
  String memprog_target();

  @AttributeDefinition(
      name = "RAM",
      description = "Filter of the TargetMemory it runs in: (memprog.memory=default)")
  String memory_target() default "(memprog.memory=default)";

  @AttributeDefinition(name = "PARAM address", description = "Where MEMPROG_PARAM is: 0x20000000")
  String param() default "0x20000000";

  @AttributeDefinition(
      name = "BDT address",
      description = "Where the BDTs start; empty: right after PARAM",
      required = false)
  String bdt() default "";

  @AttributeDefinition(
      name = "Buffer address",
      description = "Where the buffers start; empty: right after the BDTs",
      required = false)
  String buffers() default "";

  @AttributeDefinition(name = "Buffers", description = "How many buffers (1 to 255)")
  int bufferCount() default 8;

  @AttributeDefinition(name = "Buffer size", description = "Bytes per buffer, a multiple of 4: 32K")
  String bufferSize() default "32K";

  @AttributeDefinition(
      name = "Interfaces",
      description = "What each interface is bound to, by number: partition:<name> or device:<name>")
  String[] interfaces() default {};

  @AttributeDefinition(
      name = "Handler time limit (ms)",
      description = "How long a command may go without progress before ERR_TIMEOUT")
  long handlerTimeoutMillis() default 30_000;

  @AttributeDefinition(
      name = "Buffer time limit (ms)",
      description = "How long a command waits for the host's next buffer before ERR_TIMEOUT")
  long bufferTimeoutMillis() default 30_000;
}
