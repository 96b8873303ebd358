package org.flashstack.shell.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.log.RecordLog;

/** {@code flashlog:append <log> <text...>}: appends one record. */
@Service
@Command(
    scope = "flashlog",
    name = "append",
    description = "Appends one text record to a record log")
public class FlashLogAppendCommand extends FlashLogCommand {

  @Argument(index = 1, name = "text", required = true, multiValued = true)
  List<String> text;

  @Override
  void run() throws Exception {
    try (Services.Held<RecordLog> held = log()) {
      long sequence = held.get().append(String.join(" ", text).getBytes(StandardCharsets.UTF_8));
      System.out.println("record " + sequence + " appended to " + log);
    }
  }
}
