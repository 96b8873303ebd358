package org.flashstack.gdb.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the framework's gdb servers listen, PID {@code org.flashstack.gdb}. */
@ObjectClassDefinition(
    id = GdbServersComponent.PID,
    name = "FlashStack gdb servers",
    description = "Where gdb:serve listens: loopback unless an address is configured here")
@interface GdbServersConfiguration {

  @AttributeDefinition(
      name = "Listen address",
      description = "127.0.0.1 (this machine only), or 0.0.0.0 to let other machines in")
  String bind() default "127.0.0.1";
}
