package org.flashstack.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.DeviceQueueStatistics;
import org.flashstack.api.flash.FlashVirtualizer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * The configured devices and partitions that did not come up, one line each with the reason: a
 * configuration that failed (a bad attribute value, an image that cannot be used, a partition that
 * overlaps another), one waiting for a service it needs (a partition's device), and a device that
 * is up but has no driver.
 */
final class DeviceProblems {
  private DeviceProblems() {}

  /** One device that is not up. */
  record Problem(String device, String kind, String reason) {}

  static List<Problem> find(
      BundleContext context, ServiceComponentRuntime runtime, FlashVirtualizer virtualizer) {
    List<Problem> problems = new ArrayList<>();
    if (runtime != null) {
      List<Bundle> ours = new ArrayList<>();
      for (Bundle bundle : context.getBundles()) {
        if (bundle.getSymbolicName() != null
            && (bundle.getSymbolicName().startsWith("org.flashstack.hw.")
                || bundle.getSymbolicName().equals("org.flashstack.partitions"))) {
          ours.add(bundle);
        }
      }
      for (ComponentDescriptionDTO description :
          runtime.getComponentDescriptionDTOs(ours.toArray(new Bundle[0]))) {
        for (ComponentConfigurationDTO configuration :
            runtime.getComponentConfigurationDTOs(description)) {
          Problem problem = problem(configuration);
          if (problem != null) {
            problems.add(problem);
          }
        }
      }
    }
    if (virtualizer != null) {
      for (DeviceQueueStatistics queue : virtualizer.queues()) {
        if (queue.driver() == null) {
          problems.add(
              new Problem(
                  queue.device(),
                  "no driver",
                  queue.attachProblem() != null
                      ? "no driver attached: " + queue.attachProblem()
                      : "no driver serves it: none supports it, or the one it names is missing"
                          + " (log:display | grep "
                          + queue.device()
                          + ")"));
        }
      }
    }
    problems.sort(java.util.Comparator.comparing(Problem::device));
    return problems;
  }

  private static Problem problem(ComponentConfigurationDTO configuration) {
    Map<String, Object> properties = configuration.properties;
    Object name = properties == null ? null : properties.get(DeviceProperties.NAME);
    if (name == null && properties != null) {
      name = properties.get(org.flashstack.api.partition.PartitionProperties.NAME);
    }
    Object pid = properties == null ? null : properties.get("service.pid");
    String device = name != null ? name.toString() : String.valueOf(pid);
    switch (configuration.state) {
      case ComponentConfigurationDTO.FAILED_ACTIVATION:
        return new Problem(device, "failed", reason(configuration.failure));
      case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
        List<String> missing = new ArrayList<>();
        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
          missing.add(reference.name);
        }
        return new Problem(device, "waiting", "waiting for " + String.join(", ", missing));
      case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
        return new Problem(device, "unconfigured", "its configuration is missing");
      default:
        return null;
    }
  }

  /**
   * The message of the innermost cause of an activation failure, as DS reports it (a stack trace as
   * text): the last "Caused by:" line, or the first line, without the exception's class name.
   */
  static String reason(String failure) {
    if (failure == null || failure.isBlank()) {
      return "activation failed (see log:display)";
    }
    String reason = failure.lines().findFirst().orElse(failure);
    for (String line : failure.lines().toList()) {
      if (line.startsWith("Caused by: ")) {
        reason = line.substring("Caused by: ".length());
      }
    }
    int colon = reason.indexOf(": ");
    if (colon > 0 && reason.substring(0, colon).matches("[\\w.$]+(Exception|Error)")) {
      reason = reason.substring(colon + 2);
    }
    return reason.trim();
  }
}
