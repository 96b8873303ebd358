package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.fault.DeviceFaults;

/** Completes the names of the devices with a fault engine. */
@Service
public class FaultDeviceCompleter extends ServiceNameCompleter {
  public FaultDeviceCompleter() {
    super(DeviceFaults.class);
  }
}
