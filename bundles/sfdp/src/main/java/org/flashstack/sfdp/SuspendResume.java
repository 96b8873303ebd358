package org.flashstack.sfdp;

/**
 * BFPT DWORD 13: the suspend and resume instructions of a part that supports them (DWORD 12 bit 31
 * clear).
 *
 * @param programSuspend program suspend instruction
 * @param programResume program resume instruction
 * @param eraseSuspend erase suspend instruction
 * @param eraseResume erase resume instruction
 */
public record SuspendResume(
    int programSuspend, int programResume, int eraseSuspend, int eraseResume) {}
