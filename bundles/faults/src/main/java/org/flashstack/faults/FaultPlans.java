package org.flashstack.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.api.fault.OperationSchedule;
import org.flashstack.api.fault.StuckBit;
import org.flashstack.api.fault.TearStyle;
import org.flashstack.api.fault.WearOutMode;

/**
 * Reads the words of a fault plan as the shell and configuration take them: schedules ({@code
 * at:N}, {@code every:N}, {@code random:N}, {@code none}), a cut point ({@code 0.5} or {@code
 * random}), tear and wear-out modes in any case, stuck bits {@code offset.bit=value}. Every refusal
 * names the setting and what it accepts.
 */
public final class FaultPlans {

  private FaultPlans() {}

  /**
   * @return the cut point {@code text} says: a share from 0 to 1, or {@code random}
   */
  public static double cutPoint(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("random")) {
      return FaultPlan.RANDOM_POINT;
    }
    try {
      double value = Double.parseDouble(t);
      if (value >= 0 && value <= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(
        "cut point '" + text + "': a share of the operation from 0 to 1, or random");
  }

  /**
   * @return the tear style {@code text} names ({@code ordered}, {@code bitwise})
   */
  public static TearStyle tear(String text) {
    try {
      return TearStyle.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tear '" + text + "': ordered or bitwise");
    }
  }

  /**
   * @return the wear-out mode {@code text} names ({@code erase_fails}, {@code program_fails},
   *     {@code bits_stick}; dashes for underscores)
   */
  public static WearOutMode wearOut(String text) {
    try {
      return WearOutMode.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "wear-out '" + text + "': erase-fails, program-fails or bits-stick");
    }
  }

  /**
   * @return the stuck bits the texts say, in order
   */
  public static List<StuckBit> stuckBits(String[] texts) {
    List<StuckBit> bits = new ArrayList<>();
    if (texts != null) {
      for (String text : texts) {
        if (text != null && !text.isBlank()) {
          bits.add(StuckBit.parse(text));
        }
      }
    }
    return bits;
  }

  /**
   * The whole plan from its words.
   *
   * @throws IllegalArgumentException naming the first setting that is wrong
   */
  public static FaultPlan of(
      long seed,
      String powerCuts,
      String cutPoint,
      String tear,
      String programFailures,
      String eraseFailures,
      double readFlipRate,
      String[] stuckBits,
      long endurance,
      String wearOut) {
    return new FaultPlan(
        seed,
        schedule("power cuts", powerCuts),
        cutPoint(cutPoint),
        tear(tear),
        schedule("program failures", programFailures),
        schedule("erase failures", eraseFailures),
        readFlipRate,
        stuckBits(stuckBits),
        endurance,
        wearOut(wearOut));
  }

  /**
   * @return the schedule {@code text} says, a refusal naming {@code what}
   */
  public static OperationSchedule schedule(String what, String text) {
    try {
      return OperationSchedule.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage());
    }
  }
}
