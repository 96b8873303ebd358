package org.flashstack.shell.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.flashstack.api.log.LogRecord;
import org.flashstack.api.log.RecordLog;
import org.osgi.framework.BundleContext;

/** What the {@code flashlog:*} commands share: the log, named by its {@code flashlog.name}. */
abstract class FlashLogCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Argument(
      index = 0,
      name = "log",
      description = "The record log (its name, its partition's by convention)",
      required = true)
  @Completion(FlashLogCompleter.class)
  String log;

  Services.Held<RecordLog> log() {
    return Services.byName(
        context,
        RecordLog.class,
        RecordLog.NAME,
        "(" + RecordLog.NAME + "=" + log.replaceAll("([\\\\*()])", "\\\\$1") + ")",
        log,
        "record log");
  }

  static String line(LogRecord record) {
    return String.format(
        "%8d %s %s",
        record.sequence(),
        Instant.ofEpochMilli(record.timestampMillis()),
        new String(record.payload(), StandardCharsets.UTF_8));
  }
}
