package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.flash.Flash;

/** Completes the names of the registered flash devices. */
@Service
public class FlashDeviceCompleter extends ServiceNameCompleter {
  public FlashDeviceCompleter() {
    super(Flash.class);
  }
}
