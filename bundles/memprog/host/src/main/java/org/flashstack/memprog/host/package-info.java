/**
 * The MemProgLib host, usable without OSGi: {@link org.flashstack.memprog.host.MemProgHost} runs
 * commands on a target through a {@link org.flashstack.api.memprog.TargetLink}, several interfaces
 * at once; {@link org.flashstack.memprog.host.MemProgProgrammer} does the jobs a user wants
 * (program, erase, read, CRC, verify); {@link org.flashstack.memprog.host.ProgrammerSessions} is
 * the framework's current connection, for the shell.
 */
@Export
@Version("1.0.0")
package org.flashstack.memprog.host;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
