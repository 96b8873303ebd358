package org.flashstack.api.update;

/**
 * One slot.
 *
 * @param name the slot's partition
 * @param state where it stands
 * @param version the image's version ({@code major.minor.patch}), or empty
 * @param length the image's payload length in bytes (0 when empty)
 * @param sha256 the payload's SHA-256 in hex, or empty
 * @param activation the sequence number of its last activation (0: never activated)
 * @param attempts boot attempts since that activation
 * @param active whether it is the slot that boots first
 */
public record SlotStatus(
    String name,
    SlotState state,
    String version,
    long length,
    String sha256,
    long activation,
    int attempts,
    boolean active) {}
