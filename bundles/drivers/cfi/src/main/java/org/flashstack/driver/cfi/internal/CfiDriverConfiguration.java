package org.flashstack.driver.cfi.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the CFI driver, PID {@code org.flashstack.driver.cfi}; optional. */
@ObjectClassDefinition(
    id = CfiDriverComponent.PID,
    name = "FlashStack CFI flash driver",
    description = "Probes every CFI flash MMIO device and provides a Flash service for it.")
@interface CfiDriverConfiguration {

  @AttributeDefinition(
      name = "Unlock before erase",
      description = "Send Unlock Block before every Block Erase (for parts that lock at power-up).")
  boolean unlockBeforeErase() default true;

  @AttributeDefinition(
      name = "Service ranking",
      description =
          "Ranking of the Flash services this driver registers; a vendor driver with a higher ranking takes over a device.")
  int serviceRanking() default 0;

  @AttributeDefinition(
      name = "Device filter",
      description = "LDAP filter selecting the MMIO devices to drive.")
  String device_target() default "(mmio.compatible=cfi-flash)";
}
