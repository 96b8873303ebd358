/** The shared-memory TargetMemory components and the {@code shm:} transport service. */
package org.flashstack.memprog.transport.shm.internal;
