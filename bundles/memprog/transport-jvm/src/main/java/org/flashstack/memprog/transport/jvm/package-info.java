/**
 * The in-JVM MemProgLib transport: {@link org.flashstack.memprog.transport.jvm.SimulatedRam}, a
 * simulated MCU's RAM, usable without OSGi (tests, benchmarks, tools).
 */
@Export
@Version("1.0.0")
package org.flashstack.memprog.transport.jvm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
