package org.flashstack.serprog.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the framework's serprog servers listen, PID {@code org.flashstack.serprog}. */
@ObjectClassDefinition(
    id = SerprogServersComponent.PID,
    name = "FlashStack serprog servers",
    description = "Where serprog:serve listens: loopback unless an address is configured here")
@interface SerprogServersConfiguration {

  @AttributeDefinition(
      name = "Listen address",
      description = "127.0.0.1 (this machine only), or 0.0.0.0 to let other machines in")
  String bind() default "127.0.0.1";
}
