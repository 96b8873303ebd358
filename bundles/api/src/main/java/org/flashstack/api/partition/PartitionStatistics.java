package org.flashstack.api.partition;

/**
 * What went through one partition since it came up.
 *
 * @param partition the partition's name
 * @param reads read operations completed
 * @param writes write operations completed
 * @param erases erase operations completed
 * @param bytesRead bytes read
 * @param bytesWritten bytes written
 * @param bytesErased bytes erased
 * @param errors operations that failed, refused ranges included
 * @param queuedNanos total time its operations waited in the device's queue behind other users'
 */
public record PartitionStatistics(
    String partition,
    long reads,
    long writes,
    long erases,
    long bytesRead,
    long bytesWritten,
    long bytesErased,
    long errors,
    long queuedNanos) {

  /** Operations completed, failed ones included. */
  public long operations() {
    return reads + writes + erases + errors;
  }
}
