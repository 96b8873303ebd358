package org.flashstack.api.log;

/**
 * One record of a log.
 *
 * @param sequence its sequence number, from 1, one more than the record before
 * @param timestampMillis when it was appended, milliseconds since the epoch
 * @param payload its bytes
 */
public record LogRecord(long sequence, long timestampMillis, byte[] payload) {}
