package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.log.RecordLog;

/** Completes the names of the record logs up. */
@Service
public class FlashLogCompleter extends ServiceNameCompleter {
  public FlashLogCompleter() {
    super(RecordLog.class, RecordLog.NAME);
  }
}
