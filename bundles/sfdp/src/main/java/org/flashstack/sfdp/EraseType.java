package org.flashstack.sfdp;

/**
 * One of the up to four erase types of a Basic Flash Parameter Table (DWORDs 8 and 9, times from
 * DWORD 10).
 *
 * @param number 1 to 4, the number sector map regions refer to
 * @param size bytes erased, a power of two
 * @param opcode the erase instruction
 * @param typicalMillis typical erase time in milliseconds, or null when the table has no DWORD 10
 * @param maximumMillis maximum erase time in milliseconds, or null when the table has no DWORD 10
 */
public record EraseType(
    int number, long size, int opcode, Long typicalMillis, Long maximumMillis) {}
