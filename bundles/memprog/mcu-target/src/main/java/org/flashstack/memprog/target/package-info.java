/**
 * The MemProgLib target, usable without OSGi: {@link
 * org.flashstack.memprog.target.MemProgTargetEngine} runs the loop over a target RAM, {@link
 * org.flashstack.memprog.target.TargetSettings} are its limits, {@link
 * org.flashstack.memprog.target.ArrayRegion} is a zero-latency flash region for tests and
 * benchmarks.
 */
@Export
@Version("1.0.0")
package org.flashstack.memprog.target;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
