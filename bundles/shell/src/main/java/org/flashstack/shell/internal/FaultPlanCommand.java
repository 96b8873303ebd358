package org.flashstack.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.fault.DeviceFaults;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.faults.FaultPlans;
import org.osgi.framework.BundleContext;

/**
 * {@code fault:plan <device> [options]}: changes the fault plan in force on a device, from its next
 * operation on; settings not given keep their value ({@code fault:clear} starts again from none).
 * For a plan that survives restarts, configure factory PID {@code org.flashstack.fault}.
 */
@Service
@Command(
    scope = "fault",
    name = "plan",
    description =
        "Changes what goes wrong in a device's cells: power cuts, failures, read flips, stuck bits,"
            + " wear-out")
public class FaultPlanCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Argument(index = 0, name = "device", description = "Device name", required = true)
  @Completion(FaultDeviceCompleter.class)
  String device;

  @Option(name = "--seed", description = "The seed of everything random in the plan")
  Long seed;

  @Option(
      name = "--power-cuts",
      description =
          "Which programs and erases the power goes inside: none, at:N, every:N, random:N")
  String powerCuts;

  @Option(name = "--cut-point", description = "How far into the operation: 0 to 1, or random")
  String cutPoint;

  @Option(name = "--tear", description = "ordered or bitwise")
  String tear;

  @Option(name = "--program-failures", description = "none, at:N, every:N, random:N")
  String programFailures;

  @Option(name = "--erase-failures", description = "none, at:N, every:N, random:N")
  String eraseFailures;

  @Option(name = "--read-flips", description = "Probability (0 to 1) of a bit flipped per read")
  Double readFlips;

  @Option(
      name = "--stuck-bit",
      description = "A bit no program or erase changes: offset.bit=value (repeat for more)",
      multiValued = true)
  List<String> stuckBits;

  @Option(name = "--endurance", description = "Erases a sector takes before it wears out (0: none)")
  Long endurance;

  @Option(name = "--wear-out", description = "erase-fails, program-fails or bits-stick")
  String wearOut;

  @Override
  void run() throws Exception {
    try (Services.Held<DeviceFaults> held =
        Services.byName(context, DeviceFaults.class, device, "device with a fault engine")) {
      DeviceFaults faults = held.get();
      FaultPlan plan = faults.plan();
      if (seed != null) {
        plan = plan.withSeed(seed);
      }
      if (powerCuts != null || cutPoint != null || tear != null) {
        plan =
            plan.withPowerCuts(
                powerCuts == null
                    ? plan.powerCuts()
                    : FaultPlans.schedule("--power-cuts", powerCuts),
                cutPoint == null ? plan.cutPoint() : FaultPlans.cutPoint(cutPoint),
                tear == null ? plan.tear() : FaultPlans.tear(tear));
      }
      if (programFailures != null) {
        plan = plan.withProgramFailures(FaultPlans.schedule("--program-failures", programFailures));
      }
      if (eraseFailures != null) {
        plan = plan.withEraseFailures(FaultPlans.schedule("--erase-failures", eraseFailures));
      }
      if (readFlips != null) {
        plan = plan.withReadFlipRate(readFlips);
      }
      if (stuckBits != null) {
        plan = plan.withStuckBits(FaultPlans.stuckBits(stuckBits.toArray(String[]::new)));
      }
      if (endurance != null || wearOut != null) {
        plan =
            plan.withWearOut(
                endurance == null ? plan.endurance() : endurance,
                wearOut == null ? plan.wearOut() : FaultPlans.wearOut(wearOut));
      }
      faults.apply(plan);
      System.out.printf("%s: %s%n", device, plan.describe());
    }
  }
}
