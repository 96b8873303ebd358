package org.flashstack.api.fault;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every fault a device's engine injects, on the thread that met it (inside the device's
 * operation: return quickly, and do not call the device back).
 */
@ConsumerType
@FunctionalInterface
public interface FaultListener {
  void injected(FaultEvent event);
}
