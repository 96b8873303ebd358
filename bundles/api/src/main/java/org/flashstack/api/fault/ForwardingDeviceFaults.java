package org.flashstack.api.fault;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link DeviceFaults} that is another's: device components implement it to register their
 * media's engine as a service of their own.
 */
@ConsumerType
public interface ForwardingDeviceFaults extends DeviceFaults {

  /**
   * @return the engine every call goes to
   */
  DeviceFaults deviceFaults();

  @Override
  default FaultPlan plan() {
    return deviceFaults().plan();
  }

  @Override
  default void apply(FaultPlan plan) {
    deviceFaults().apply(plan);
  }

  @Override
  default Map<FaultKind, Long> counts() {
    return deviceFaults().counts();
  }

  @Override
  default List<FaultEvent> events() {
    return deviceFaults().events();
  }

  @Override
  default void resetCounts() {
    deviceFaults().resetCounts();
  }

  @Override
  default void addListener(FaultListener listener) {
    deviceFaults().addListener(listener);
  }

  @Override
  default void removeListener(FaultListener listener) {
    deviceFaults().removeListener(listener);
  }
}
