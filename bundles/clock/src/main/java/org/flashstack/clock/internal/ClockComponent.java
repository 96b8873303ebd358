package org.flashstack.clock.internal;

import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.clock.RealTimeClock;
import org.flashstack.clock.VirtualClock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the system's one {@link EmulatedClock}, virtual unless configured otherwise. */
@Component(
    service = EmulatedClock.class,
    configurationPid = ClockComponent.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ClockConfiguration.class)
public final class ClockComponent implements EmulatedClock {

  /** The configuration PID. */
  public static final String PID = "org.flashstack.clock";

  private static final Logger LOG = LoggerFactory.getLogger(ClockComponent.class);

  private final EmulatedClock clock;

  /** Makes the configured clock; an unknown mode fails activation naming the valid ones. */
  @Activate
  public ClockComponent(ClockConfiguration configuration) {
    this.clock = create(configuration.mode());
    LOG.info("clock: {}", clock.mode());
  }

  static EmulatedClock create(String mode) {
    String value = mode == null ? "" : mode.trim();
    if (value.equals(MODE_VIRTUAL)) {
      return new VirtualClock();
    }
    if (value.equals(MODE_REAL_TIME)) {
      return new RealTimeClock();
    }
    throw new IllegalArgumentException(
        "clock: mode '" + mode + "' is not one of " + MODE_VIRTUAL + ", " + MODE_REAL_TIME);
  }

  @Override
  public long now() {
    return clock.now();
  }

  @Override
  public void pause(long nanos) {
    clock.pause(nanos);
  }

  @Override
  public void wakeAt(long instant) {
    clock.wakeAt(instant);
  }

  @Override
  public void advance(long nanos) {
    clock.advance(nanos);
  }

  @Override
  public String mode() {
    return clock.mode();
  }
}
