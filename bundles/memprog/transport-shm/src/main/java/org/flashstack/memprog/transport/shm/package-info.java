/**
 * The shared-memory MemProgLib transport: {@link
 * org.flashstack.memprog.transport.shm.SharedMemoryFile}, target RAM as a memory-mapped file
 * another process maps too (a native target or host), and {@link
 * org.flashstack.memprog.transport.shm.ShmLocation}, the {@code shm:} URI. Usable without OSGi.
 */
@Export
@Version("1.0.0")
package org.flashstack.memprog.transport.shm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
