package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.media.FlashMediaView;

/** Completes the names of the devices whose media can be inspected. */
@Service
public class MediaDeviceCompleter extends ServiceNameCompleter {
  public MediaDeviceCompleter() {
    super(FlashMediaView.class);
  }
}
