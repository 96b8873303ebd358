package org.flashstack.driver.spi.mux.internal;

import java.util.Map;
import java.util.WeakHashMap;
import org.flashstack.api.spi.SpiMaster;
import org.flashstack.driver.spi.mux.SpiMux;
import org.osgi.service.component.annotations.Component;

/**
 * One {@link SpiMux} per controller, shared by the devices on its chip selects so that their
 * transactions queue in one line.
 */
@Component(service = SpiMuxes.class)
public final class SpiMuxes {

  /** How long a transaction waits for the controller. */
  static final long WAIT_MILLIS = 10_000;

  private final Map<SpiMaster, SpiMux> muxes = new WeakHashMap<>();

  synchronized SpiMux of(SpiMaster master) {
    return muxes.computeIfAbsent(master, m -> new SpiMux(m, WAIT_MILLIS));
  }
}
