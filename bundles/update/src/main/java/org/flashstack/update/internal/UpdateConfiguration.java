package org.flashstack.update.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A board's A/B update (factory PID {@code org.flashstack.update}). */
@ObjectClassDefinition(
    name = "FlashStack A/B update",
    description = "Two update slots and a recovery partition, by partition name (docs/update.md)")
@interface UpdateConfiguration {

  @AttributeDefinition(name = "Name", description = "The update service's name (update.name)")
  String update_name() default "board";

  @AttributeDefinition(name = "Slot A", description = "The first slot's partition")
  String slotA() default "primary";

  @AttributeDefinition(name = "Slot B", description = "The second slot's partition")
  String slotB() default "staging";

  @AttributeDefinition(name = "Recovery", description = "The recovery partition")
  String recovery() default "recovery";

  @AttributeDefinition(
      name = "Boot attempts",
      description = "Trial boots an activated image gets before it is rolled back")
  int maxAttempts() default 3;
}
