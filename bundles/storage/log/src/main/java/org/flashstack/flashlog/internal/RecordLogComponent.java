package org.flashstack.flashlog.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.flashstack.api.log.LogException;
import org.flashstack.api.log.LogRecord;
import org.flashstack.api.log.LogStatistics;
import org.flashstack.api.log.RecordLog;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.flashlog.FlashRecordLog;
import org.flashstack.flashlog.LogFlash;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One record log per factory configuration: opens it on its partition (skipping what a power cut
 * tore) and serves it as a {@link RecordLog}, posting each append to Event Admin. A flash failure
 * in the middle of an append makes the next call open the log again from flash.
 */
@Component(
    service = RecordLog.class,
    configurationPid = RecordLogComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RecordLogConfiguration.class, factory = true)
public final class RecordLogComponent implements RecordLog {

  /** The factory configuration PID. */
  public static final String FACTORY_PID = "org.flashstack.flashlog";

  private static final Logger LOG = LoggerFactory.getLogger(RecordLogComponent.class);

  private final String name;
  private final String partition;
  private final LogFlash flash;
  private FlashRecordLog log;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile EventAdmin events;

  /** Opens the log; a partition it cannot use fails activation with the reason. */
  @Activate
  public RecordLogComponent(
      @Reference(name = "partition") FlashPartition partition, RecordLogConfiguration configuration)
      throws IOException {
    this.name = configuration.flashlog_name();
    this.partition = partition.name();
    this.flash = new PartitionLogFlash(partition);
    this.log = FlashRecordLog.open(flash, System::currentTimeMillis);
    LogStatistics statistics = log.statistics();
    LOG.info(
        "{}: record log on partition {} ({} units of {} bytes), {} records, {} torn and skipped",
        name,
        partition.name(),
        flash.units(),
        flash.unitSize(),
        statistics.records(),
        statistics.tornRecords());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String partition() {
    return partition;
  }

  private interface Call<T> {
    T run(FlashRecordLog log) throws IOException;
  }

  private synchronized <T> T call(Call<T> call) throws LogException {
    try {
      if (log == null) {
        log = FlashRecordLog.open(flash, System::currentTimeMillis);
      }
      return call.run(log);
    } catch (IllegalArgumentException e) {
      throw new LogException(name + ": " + e.getMessage(), e);
    } catch (IOException e) {
      log = null; // what reached the flash is known only by reading it again
      throw new LogException(name + ": flash failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long append(byte[] payload) throws LogException {
    LogRecord record = call(l -> l.append(payload));
    EventAdmin admin = events;
    if (admin != null) {
      admin.postEvent(
          new Event(
              TOPIC_APPENDED,
              Map.of(
                  NAME,
                  name,
                  "sequence",
                  record.sequence(),
                  "timestamp",
                  record.timestampMillis(),
                  "length",
                  payload.length)));
    }
    return record.sequence();
  }

  @Override
  public List<LogRecord> read(long from, int count, boolean forward) throws LogException {
    return call(l -> l.read(from, count, forward));
  }

  @Override
  public List<LogRecord> tail(int count) throws LogException {
    return call(l -> l.tail(count));
  }

  @Override
  public LogStatistics statistics() throws LogException {
    return call(FlashRecordLog::statistics);
  }
}
