package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.mmio.MmioDevice;

/** Completes the names of the registered MMIO devices. */
@Service
public class MmioDeviceCompleter extends ServiceNameCompleter {
  public MmioDeviceCompleter() {
    super(MmioDevice.class);
  }
}
