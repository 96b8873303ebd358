package org.flashstack.sfdp;

/**
 * BFPT DWORD 14: deep power-down of a part that supports it (bit 31 clear).
 *
 * @param enterOpcode the instruction that enters deep power-down
 * @param exitOpcode the instruction that releases it
 * @param exitDelayNanos how long after the release the part takes instructions again
 */
public record DeepPowerDown(int enterOpcode, int exitOpcode, long exitDelayNanos) {}
