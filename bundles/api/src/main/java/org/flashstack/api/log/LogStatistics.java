package org.flashstack.api.log;

/**
 * A log's statistics.
 *
 * @param records records kept
 * @param oldestSequence the oldest kept, 0 if none
 * @param newestSequence the newest, 0 if none
 * @param units erase units of the partition
 * @param bytesUsed bytes of the units holding records
 * @param capacity bytes of the partition
 * @param largestRecord the largest payload one record takes
 * @param unitErases units erased since the log opened (the oldest records dropped)
 * @param tornRecords records found torn when the log opened (cut by a power loss, skipped)
 */
public record LogStatistics(
    long records,
    long oldestSequence,
    long newestSequence,
    int units,
    long bytesUsed,
    long capacity,
    int largestRecord,
    long unitErases,
    int tornRecords) {}
