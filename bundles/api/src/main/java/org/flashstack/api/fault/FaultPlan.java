package org.flashstack.api.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What goes wrong in a device's cells, and when. Everything random is drawn from one generator
 * seeded with {@code seed}, so the same plan over the same operations injects the same faults.
 *
 * @param seed the generator's seed
 * @param powerCuts which programs and erases the power goes inside
 * @param cutPoint how far into the operation (0 to 1; for {@link TearStyle#BITWISE}, the share of
 *     its bit changes that happen), or {@link #RANDOM_POINT} for a point drawn per cut
 * @param tear how the cut leaves the cells
 * @param programFailures which programs fail (some bits do not take; the device reports it as the
 *     chip does)
 * @param eraseFailures which erases fail (some bits stay programmed; reported likewise)
 * @param readFlipRate the probability (0 to 1) that a read returns one bit flipped
 * @param stuckBits bits no program or erase changes
 * @param endurance erases a sector takes before it wears out (0: no limit)
 * @param wearOut what a worn-out sector does
 */
public record FaultPlan(
    long seed,
    OperationSchedule powerCuts,
    double cutPoint,
    TearStyle tear,
    OperationSchedule programFailures,
    OperationSchedule eraseFailures,
    double readFlipRate,
    List<StuckBit> stuckBits,
    long endurance,
    WearOutMode wearOut) {

  /** A cut point drawn anew for every cut. */
  public static final double RANDOM_POINT = -1;

  /** Nothing goes wrong. */
  public static final FaultPlan NONE =
      new FaultPlan(
          0,
          OperationSchedule.NEVER,
          RANDOM_POINT,
          TearStyle.ORDERED,
          OperationSchedule.NEVER,
          OperationSchedule.NEVER,
          0,
          List.of(),
          0,
          WearOutMode.ERASE_FAILS);

  public FaultPlan {
    Objects.requireNonNull(powerCuts, "powerCuts");
    Objects.requireNonNull(tear, "tear");
    Objects.requireNonNull(programFailures, "programFailures");
    Objects.requireNonNull(eraseFailures, "eraseFailures");
    Objects.requireNonNull(wearOut, "wearOut");
    if (cutPoint != RANDOM_POINT && !(cutPoint >= 0 && cutPoint <= 1)) {
      throw new IllegalArgumentException(
          "the cut point is a share of the operation from 0 to 1 (or random), not " + cutPoint);
    }
    if (!(readFlipRate >= 0 && readFlipRate <= 1)) {
      throw new IllegalArgumentException(
          "the read flip rate is a probability from 0 to 1, not " + readFlipRate);
    }
    if (endurance < 0) {
      throw new IllegalArgumentException(
          "the endurance is a number of erases (0: no limit), not " + endurance);
    }
    stuckBits = List.copyOf(stuckBits);
  }

  /**
   * @return whether it injects anything at all
   */
  public boolean isNone() {
    return powerCuts instanceof OperationSchedule.Never
        && programFailures instanceof OperationSchedule.Never
        && eraseFailures instanceof OperationSchedule.Never
        && readFlipRate == 0
        && stuckBits.isEmpty()
        && endurance == 0;
  }

  public FaultPlan withSeed(long value) {
    return new FaultPlan(
        value,
        powerCuts,
        cutPoint,
        tear,
        programFailures,
        eraseFailures,
        readFlipRate,
        stuckBits,
        endurance,
        wearOut);
  }

  /** Power cuts on {@code schedule}, at {@code point} into the operation, torn {@code style}. */
  public FaultPlan withPowerCuts(OperationSchedule schedule, double point, TearStyle style) {
    return new FaultPlan(
        seed,
        schedule,
        point,
        style,
        programFailures,
        eraseFailures,
        readFlipRate,
        stuckBits,
        endurance,
        wearOut);
  }

  public FaultPlan withProgramFailures(OperationSchedule schedule) {
    return new FaultPlan(
        seed,
        powerCuts,
        cutPoint,
        tear,
        schedule,
        eraseFailures,
        readFlipRate,
        stuckBits,
        endurance,
        wearOut);
  }

  public FaultPlan withEraseFailures(OperationSchedule schedule) {
    return new FaultPlan(
        seed,
        powerCuts,
        cutPoint,
        tear,
        programFailures,
        schedule,
        readFlipRate,
        stuckBits,
        endurance,
        wearOut);
  }

  public FaultPlan withReadFlipRate(double rate) {
    return new FaultPlan(
        seed,
        powerCuts,
        cutPoint,
        tear,
        programFailures,
        eraseFailures,
        rate,
        stuckBits,
        endurance,
        wearOut);
  }

  public FaultPlan withStuckBits(List<StuckBit> bits) {
    return new FaultPlan(
        seed,
        powerCuts,
        cutPoint,
        tear,
        programFailures,
        eraseFailures,
        readFlipRate,
        bits,
        endurance,
        wearOut);
  }

  public FaultPlan withWearOut(long erases, WearOutMode mode) {
    return new FaultPlan(
        seed,
        powerCuts,
        cutPoint,
        tear,
        programFailures,
        eraseFailures,
        readFlipRate,
        stuckBits,
        erases,
        mode);
  }

  /**
   * @return the plan in one line, only what it injects ({@code none} for {@link #NONE})
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!(powerCuts instanceof OperationSchedule.Never)) {
      parts.add(
          "power cuts "
              + powerCuts
              + " at "
              + (cutPoint == RANDOM_POINT ? "a random point" : cutPoint)
              + ", "
              + tear.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!(programFailures instanceof OperationSchedule.Never)) {
      parts.add("program failures " + programFailures);
    }
    if (!(eraseFailures instanceof OperationSchedule.Never)) {
      parts.add("erase failures " + eraseFailures);
    }
    if (readFlipRate > 0) {
      parts.add("read flips " + readFlipRate);
    }
    if (!stuckBits.isEmpty()) {
      parts.add("stuck bits " + stuckBits);
    }
    if (endurance > 0) {
      parts.add(
          "wear-out after "
              + endurance
              + " erases: "
              + wearOut.name().toLowerCase(java.util.Locale.ROOT));
    }
    return parts.isEmpty() ? "none" : String.join("; ", parts) + " (seed " + seed + ")";
  }
}
