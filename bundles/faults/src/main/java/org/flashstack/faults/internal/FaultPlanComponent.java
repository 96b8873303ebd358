package org.flashstack.faults.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.fault.DeviceFaults;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.faults.FaultPlans;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fault plan per factory configuration, put in force on the device it names whenever that
 * device is there (a device that comes back gets it again), and taken back when the configuration
 * goes (where it is still the plan in force). A plan the device refuses (a stuck bit past its end)
 * is logged with its reason and changes nothing.
 */
@Component(
    configurationPid = FaultPlanComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true)
@Designate(ocd = FaultPlanConfiguration.class, factory = true)
public final class FaultPlanComponent {

  /** The factory PID of fault plans. */
  public static final String FACTORY_PID = "org.flashstack.fault";

  private static final Logger LOG = LoggerFactory.getLogger(FaultPlanComponent.class);

  private final String device;
  private final FaultPlan plan;
  private final Map<DeviceFaults, Boolean> applied = new ConcurrentHashMap<>();

  /** Reads the plan; a malformed one fails activation with the setting at fault. */
  @Activate
  public FaultPlanComponent(FaultPlanConfiguration configuration) {
    if (configuration.device() == null || configuration.device().isBlank()) {
      throw new IllegalArgumentException("a fault plan needs device, the device's name");
    }
    this.device = configuration.device();
    this.plan =
        FaultPlans.of(
            configuration.seed(),
            configuration.powerCuts(),
            configuration.cutPoint(),
            configuration.tear(),
            configuration.programFailures(),
            configuration.eraseFailures(),
            configuration.readFlipRate(),
            configuration.stuckBits(),
            configuration.endurance(),
            configuration.wearOut());
  }

  /**
   * @return the plan it puts in force
   */
  FaultPlan plan() {
    return plan;
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindDeviceFaults(DeviceFaults faults) {
    if (!faults.name().equals(device)) {
      return;
    }
    try {
      faults.apply(plan);
      applied.put(faults, Boolean.TRUE);
      LOG.info("{}: fault plan from configuration: {}", device, plan.describe());
    } catch (IllegalArgumentException e) {
      LOG.error("{}: fault plan refused: {}", device, e.getMessage());
    }
  }

  void unbindDeviceFaults(DeviceFaults faults) {
    applied.remove(faults);
  }

  @Deactivate
  void deactivate() {
    for (DeviceFaults faults : applied.keySet()) {
      if (faults.plan().equals(plan)) {
        faults.clear();
        LOG.info("{}: fault plan configuration removed; no faults", device);
      }
    }
    applied.clear();
  }
}
