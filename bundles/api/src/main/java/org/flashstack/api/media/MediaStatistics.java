package org.flashstack.api.media;

/**
 * Counters since the media was opened.
 *
 * @param reads read operations
 * @param bytesRead bytes read
 * @param programs program operations that changed the cells
 * @param bytesProgrammed bytes those programs covered
 * @param erases block erases
 * @param overwrites programs that asked to set a 0 bit back to 1 (double programs), whether ANDed
 *     or rejected
 * @param refused programs and erases refused (read-only media, rejected overwrite)
 */
public record MediaStatistics(
    long reads,
    long bytesRead,
    long programs,
    long bytesProgrammed,
    long erases,
    long overwrites,
    long refused) {}
