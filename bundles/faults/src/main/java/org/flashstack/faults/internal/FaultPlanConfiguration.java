package org.flashstack.faults.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One device's fault plan (factory PID {@code org.flashstack.fault}). */
@ObjectClassDefinition(
    name = "FlashStack fault plan",
    description =
        "What goes wrong in one device's cells, and when; seeded, so every run repeats. See"
            + " docs/faults.md.")
@interface FaultPlanConfiguration {

  @AttributeDefinition(
      name = "Device",
      description = "The device's name (device.name), e.g. flash0")
  String device();

  @AttributeDefinition(name = "Seed", description = "The seed of everything random in the plan")
  long seed() default 0;

  @AttributeDefinition(
      name = "Power cuts",
      description =
          "Which programs and erases the power goes inside: none, at:N, every:N, random:N (1 in N)")
  String powerCuts() default "none";

  @AttributeDefinition(
      name = "Cut point",
      description = "How far into the operation: a share from 0 to 1, or random")
  String cutPoint() default "random";

  @AttributeDefinition(
      name = "Tear",
      description =
          "ordered (bytes in address order up to the point) or bitwise (each bit change by chance;"
              + " an erase leaves weak bits)")
  String tear() default "ordered";

  @AttributeDefinition(
      name = "Program failures",
      description = "Which programs fail: none, at:N, every:N, random:N")
  String programFailures() default "none";

  @AttributeDefinition(
      name = "Erase failures",
      description = "Which erases fail: none, at:N, every:N, random:N")
  String eraseFailures() default "none";

  @AttributeDefinition(
      name = "Read flip rate",
      description = "The probability (0 to 1) that a read returns one bit flipped")
  double readFlipRate() default 0;

  @AttributeDefinition(
      name = "Stuck bits",
      description = "Bits no program or erase changes: offset.bit=value, as in 0x1000.3=0")
  String[] stuckBits() default {};

  @AttributeDefinition(
      name = "Endurance",
      description = "Erases a sector takes before it wears out (0: no limit)")
  long endurance() default 0;

  @AttributeDefinition(
      name = "Wear-out",
      description = "What a worn-out sector does: erase-fails, program-fails or bits-stick")
  String wearOut() default "erase-fails";
}
