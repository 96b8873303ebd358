package org.flashstack.api.flash;

/**
 * What one user of a device did through its {@link Flash#forUser} view, counted by the flash
 * virtualizer in the device's turn (so counting costs an operation next to nothing). Operations
 * refused before they were queued (bad arguments) are not here: they never reached the device.
 *
 * @param user the user's name
 * @param reads reads completed
 * @param programs programs (and updates) completed
 * @param erases erases completed
 * @param bytesRead bytes read
 * @param bytesProgrammed bytes programmed
 * @param bytesErased bytes erased
 * @param failed operations the device or its driver failed
 * @param queuedNanos total time operations waited in the device's queue behind others
 * @param maxQueuedNanos the longest single wait
 */
public record FlashUsage(
    String user,
    long reads,
    long programs,
    long erases,
    long bytesRead,
    long bytesProgrammed,
    long bytesErased,
    long failed,
    long queuedNanos,
    long maxQueuedNanos) {}
