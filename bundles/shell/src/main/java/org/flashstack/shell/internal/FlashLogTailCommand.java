package org.flashstack.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.log.LogRecord;
import org.flashstack.api.log.RecordLog;

/**
 * {@code flashlog:tail <log> [-n N] [--from seq [--backward]] [--follow]}: the newest records, or
 * records from a sequence number either way; with {@code --follow}, then every new one until
 * Ctrl-C.
 */
@Service
@Command(
    scope = "flashlog",
    name = "tail",
    description = "Prints the newest records of a record log")
public class FlashLogTailCommand extends FlashLogCommand {

  @Option(name = "-n", description = "How many records (default 10)")
  int count = 10;

  @Option(name = "--from", description = "From this sequence number instead of the newest")
  long from = -1;

  @Option(name = "--backward", description = "With --from: going back from it")
  boolean backward;

  @Option(name = "--follow", description = "Then print new records as they come, until Ctrl-C")
  boolean follow;

  @Override
  void run() throws Exception {
    if (count < 1) {
      throw new IllegalArgumentException("-n must be 1 or more, not " + count);
    }
    try (Services.Held<RecordLog> held = log()) {
      RecordLog records = held.get();
      List<LogRecord> shown = from < 0 ? records.tail(count) : records.read(from, count, !backward);
      shown.forEach(record -> System.out.println(line(record)));
      long last = records.statistics().newestSequence();
      while (follow && !Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
        for (LogRecord record : records.read(last + 1, 1000, true)) {
          System.out.println(line(record));
          last = record.sequence();
        }
      }
    }
  }
}
