package org.flashstack.api.log;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An append-only log of records on a flash partition: each record carries its length, sequence
 * number, timestamp and a CRC. It is circular over the partition's erase units (when the partition
 * is full the oldest unit's records are dropped) and power-loss safe (a record torn by a power cut
 * is found by its CRC and skipped, never returned). A record is on flash when {@link #append}
 * returns.
 *
 * <p>Service properties: {@link #NAME} and {@code partition.name}. Each append is posted to Event
 * Admin on {@link #TOPIC_APPENDED}. Provider type: methods are added in minor versions.
 */
@ProviderType
public interface RecordLog {

  /** Service property: the log's name. */
  String NAME = "flashlog.name";

  /**
   * Event Admin topic of an append; properties {@code flashlog.name}, {@code sequence}, {@code
   * timestamp}, {@code length}.
   */
  String TOPIC_APPENDED = "org/flashstack/flashlog/APPENDED";

  /**
   * @return the log's name
   */
  String name();

  /**
   * @return the partition it lives on
   */
  String partition();

  /**
   * Appends a record.
   *
   * @return its sequence number
   * @throws LogException if it is larger than an erase unit holds, or the flash fails
   */
  long append(byte[] payload) throws LogException;

  /**
   * @return up to {@code count} records from sequence number {@code from} (the oldest kept if it
   *     was dropped), forward in sequence order, or backward from it if {@code forward} is false
   */
  List<LogRecord> read(long from, int count, boolean forward) throws LogException;

  /**
   * @return the newest {@code count} records, oldest first
   */
  List<LogRecord> tail(int count) throws LogException;

  /**
   * @return the log's statistics
   */
  LogStatistics statistics() throws LogException;
}
