/**
 * MemProgLib's seams (docs/memprog.md).
 *
 * <ul>
 *   <li>Transports: {@link org.flashstack.api.memprog.TargetMemory}, the target's RAM as a
 *       transport reaches it; {@link org.flashstack.api.memprog.TargetTransport}, a service per URI
 *       scheme ({@code jvm:}, {@code shm:}) opening a {@link org.flashstack.api.memprog.TargetLink}
 *       to a target.
 *   <li>Targets: {@link org.flashstack.api.memprog.MemProgTarget}, a simulated MCU running the
 *       MemProgLib loop.
 *   <li>Command handlers: {@link org.flashstack.api.memprog.MemProgHandler} services registered by
 *       command code, each running one command of an interface through a {@link
 *       org.flashstack.api.memprog.MemProgCall}, on the {@link
 *       org.flashstack.api.memprog.MemProgRegion} the interface is bound to.
 * </ul>
 */
@Export
@Version("1.1.0")
package org.flashstack.api.memprog;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
