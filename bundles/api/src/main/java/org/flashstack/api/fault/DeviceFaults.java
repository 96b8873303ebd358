package org.flashstack.api.fault;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A device's fault engine, registered by every device with media under its device name: the plan it
 * follows, what it injected. A new plan starts a new generator from its seed; counts and events run
 * on across plans until {@link #resetCounts()}.
 */
@ProviderType
public interface DeviceFaults {

  /** How many of the latest events {@link #events()} keeps. */
  int EVENTS_KEPT = 256;

  /**
   * @return the device's name
   */
  String name();

  /**
   * @return the plan in force
   */
  FaultPlan plan();

  /**
   * Puts {@code plan} in force from the next operation on.
   *
   * @throws IllegalArgumentException if it does not fit the device (a stuck bit past its end),
   *     naming what; the plan in force stays
   */
  void apply(FaultPlan plan);

  /** Puts {@link FaultPlan#NONE} in force. */
  default void clear() {
    apply(FaultPlan.NONE);
  }

  /**
   * @return how many faults of each kind were injected (kinds never injected are absent)
   */
  Map<FaultKind, Long> counts();

  /**
   * @return the latest events, oldest first, at most {@link #EVENTS_KEPT}
   */
  List<FaultEvent> events();

  /** Forgets the counts and events. */
  void resetCounts();

  void addListener(FaultListener listener);

  void removeListener(FaultListener listener);
}
